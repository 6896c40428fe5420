//! Article metadata from the parsed page: title, canonical URL, site, credit,
//! authors, publication date, section and the page's declared language.
//!
//! Evidence, strongest first: `<meta>` tags named in `rules/clean/meta.tsv`,
//! JSON-LD (`application/ld+json`), `<link rel=canonical>`, `<time datetime>`, the
//! visible date line of the byline area ("Updated: Jul 25, 2023 chinadaily.com.cn",
//! introduced by a word of `rules/clean/date_words.txt`), and the `<title>`.
//!
//! This module does not find the main text (see `content.rs`).

use super::content::any_word_in;
use super::dates::{PubDate, date_from_url, find_date, parse_date};
use super::dom::{Dom, Element, NodeRef};
use super::text::{collapse_whitespace, is_zero_width};
use crate::rules::{BylineWords, MetaField, Rules};
use foldhash::{HashMap, HashSet};
use serde_json::Value;

/// A byline-area line longer than this is prose, not a date line.
const MAX_DATE_LINE_CHARS: usize = 160;
/// A credit longer than this is not an outlet's name.
const MAX_CREDIT_CHARS: usize = 60;

/// What the page says about the article, before the main text is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub url: Option<String>,
    pub credit: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<PubDate>,
    pub section: Option<String>,
    pub site_name: Option<String>,
    /// The primary subtag of `<html lang>`, lower-cased.
    pub declared_language: Option<String>,
    /// Declared page types, lower-cased: `og:type` and every JSON-LD `@type`.
    pub page_types: Vec<String>,
}

/// How many `<h1>` elements are read as headline candidates.
const MAX_H1S: usize = 4;
/// A byline element longer than this is a block of text, not a byline.
const MAX_BYLINE_CHARS: usize = 80;

/// Facts gathered from one pass over the document's elements.
#[derive(Default)]
struct PageFacts {
    meta: HashMap<String, String>,
    title_tag: Option<String>,
    /// The texts of the page's first `<h1>` elements (up to [`MAX_H1S`]).
    h1s: Vec<String>,
    canonical: Option<String>,
    /// The first date of each kind of visible or element evidence.
    dates: DateFacts,
    json_ld: Vec<Value>,
    /// The first date line: its date and what follows the date (the credit).
    date_line: Option<(PubDate, String)>,
    /// The texts of the first elements marked as a byline (a class/id word of
    /// `rules/clean/byline_words.tsv`, `rel=author`, `itemprop=author` without a
    /// content attribute), up to [`MAX_BYLINES`].
    bylines: Vec<String>,
    /// Short unmarked elements that open with a byline label ("von Daniela Obers",
    /// "By Jane Roe"), up to [`MAX_BYLINES`]: the last evidence of an author.
    label_lines: Vec<String>,
    /// What follows the date in a short unmarked line soon after the headline
    /// ("11.12.2019 - Amelie Loevenich"), when it is shaped like a name.
    dated_name: Option<String>,
}

/// How many byline elements, and how many label lines, are kept as candidates.
const MAX_BYLINES: usize = 6;
/// An unmarked line longer than this is no byline.
const MAX_LABEL_LINE_CHARS: usize = 60;

/// Reads the metadata of a parsed page. `fetched_url` is where the page came
/// from, if known; relative canonical links are resolved against it.
pub fn read_metadata(dom: &Dom, fetched_url: Option<&str>, rules: &Rules) -> Metadata {
    let facts = gather(dom, rules);
    let meta_value = |field: MetaField| -> Option<&str> {
        rules
            .clean
            .meta
            .iter()
            .filter(|(f, _)| *f == field)
            .find_map(|(_, key)| facts.meta.get(key).map(String::as_str).filter(|v| !v.trim().is_empty()))
    };
    let ld = JsonLd::from_values(&facts.json_ld);

    let site_name = meta_value(MetaField::SiteName).map(collapse_whitespace);
    let site = SiteParts { name: site_name.as_deref(), separators: &rules.clean.title_separators };
    let title = choose_title(
        meta_value(MetaField::Title).or(ld.headline.as_deref()),
        facts.title_tag.as_deref(),
        &facts.h1s,
        &site,
    );
    let url = choose_url(facts.canonical.as_deref(), meta_value(MetaField::Url), ld.url.as_deref(), fetched_url);
    let meta_dates = (meta_value(MetaField::Published), meta_value(MetaField::Modified));
    let published = choose_published(&facts, &ld, url.as_deref(), meta_dates, rules);
    let authors = choose_authors(&facts, &ld, meta_value(MetaField::Author), rules);
    let section = meta_value(MetaField::Section)
        .map(collapse_whitespace)
        .or_else(|| ld.section.clone())
        .or_else(|| section_from_title(facts.title_tag.as_deref(), &site));
    let credit = facts.date_line.as_ref().and_then(|(_, rest)| credit_from(rest, &rules.clean.credit_prefixes));
    let declared_language = dom
        .root_element()
        .and_then(|html| html.as_element()?.attr("lang"))
        .and_then(|l| l.split(['-', '_']).next())
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| l.len() == 2 && l.chars().all(|c| c.is_ascii_alphabetic()));
    let mut page_types: Vec<String> = facts.meta.get("og:type").map(|t| t.to_lowercase()).into_iter().collect();
    page_types.extend(ld.types.iter().map(|t| t.to_lowercase()));
    Metadata { title, url, credit, authors, published, section, site_name, declared_language, page_types }
}

/// Inside a form or a comments block: a commenter's name or a "Name (required)" label
/// is no byline.
fn in_form(node: NodeRef) -> bool {
    let comment_word = |v: Option<&str>| v.is_some_and(|v| v.to_ascii_lowercase().contains("comment"));
    node.ancestors().any(|a| {
        a.as_element().is_some_and(|e| {
            matches!(e.name(), "form" | "label" | "textarea") || comment_word(e.class()) || comment_word(e.id())
        })
    })
}

/// A byline without the date or separator after the names: "Madeline Fry | November 18",
/// "Carrie ArnoldNovember 15", "FEDERICA LUSIARDI - 2019-04-10", "J.R. Stone Thursday,
/// November 9".
fn cut_before_date(text: &str, rules: &Rules) -> String {
    let months = &rules.months;
    let mut end = text.find(['|', '\u{2022}']).unwrap_or(text.len());
    for separator in [" - ", " – ", " — "] {
        if let Some(i) = text.find(separator) {
            end = end.min(i);
        }
    }
    let lower = text.to_lowercase();
    // Offsets found in the lower-cased copy hold in the text only when lengths agree.
    let months = months.keys().filter(|m| m.chars().count() >= 3 && lower.len() == text.len());
    for month in months {
        // Glued to the name ("ArnoldNovember") or standing apart, but a whole month
        // word with a day after it: "Nisan Kaya" holds a Turkish month name, no date.
        for (i, _) in lower.match_indices(month.as_str()) {
            let after = lower[i + month.len()..].trim_start_matches(['.', ' ']);
            if after.starts_with(|c: char| c.is_ascii_digit()) && text.is_char_boundary(i) {
                end = end.min(i);
            }
        }
    }
    if lower.len() == text.len()
        && let Some(weekday) = weekday_before(&lower[..end], &rules.weekdays)
    {
        end = weekday;
    }
    text[..end].trim_end_matches(|c: char| !c.is_alphabetic()).trim().to_string()
}

/// Where a weekday that opens the date ending a byline starts: "Thursday," in
/// "J.R. Stone Thursday, " once the month is cut, or "Mon 3" and "Donnerstag, 9."
/// before a day number. A weekday with no date after it ("Plácido Domingo") stays.
fn weekday_before(lower: &str, weekdays: &HashSet<String>) -> Option<usize> {
    let mut start = 0;
    for word in lower.split(' ') {
        let bare = word.trim_end_matches([',', '.']);
        let after = lower[start + word.len()..].trim_start_matches([',', '.', ' ']);
        let dated = after.is_empty() && word.ends_with(',') || after.starts_with(|c: char| c.is_ascii_digit());
        if start > 0 && dated && weekdays.contains(bare) {
            return Some(start);
        }
        start += word.len() + 1;
    }
    None
}

/// The late label and the names after a date that opens a byline: "by Adi Tzlil" in
/// "Posted on September 21, 2020 by Adi Tzlil".
fn label_after_date<'t>(text: &'t str, rules: &Rules) -> Option<&'t str> {
    let found = find_date(text, &rules.months)?;
    let rest = &text[found.end..];
    let words: Vec<&str> = rest.split(' ').collect();
    let at = (0..words.len()).find(|&at| label_end(&words, &rules.clean.byline.late_labels, at).is_some())?;
    // Words are separated by one space: the label starts past the words before it.
    let start: usize = words[..at].iter().map(|w| w.len() + 1).sum();
    Some(&rest[start..])
}

/// Whether an element is marked as the byline by its class, id, rel or itemprop.
fn is_byline(el: &Element, hints: &HashSet<String>) -> bool {
    let marked = |value: Option<&str>| {
        value.is_some_and(|v| {
            v.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .any(|w| hints.contains(w) || hints.contains(w.to_ascii_lowercase().as_str()))
        })
    };
    marked(el.class())
        || marked(el.id())
        || marked(el.attr("data-testid"))
        || el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("author"))
        || (el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("author")) && el.attr("content").is_none())
}

/// Tags whose short text may be an unmarked byline line.
const LABEL_LINE_TAGS: [&str; 12] = ["p", "div", "span", "em", "i", "strong", "b", "small", "font", "h4", "h5", "h6"];

/// The text of a short element that is a label and a name and nothing else:
/// "von Daniela Obers", "By JANE ROE". Not "By 2030, the city..." (the words after the
/// label are not all names) nor a reader's comment.
fn label_line(node: NodeRef, words: &BylineWords, rules: &Rules) -> Option<String> {
    let visible = node.texts().flat_map(str::chars).filter(|c| !c.is_whitespace()).take(MAX_LABEL_LINE_CHARS + 1);
    if visible.count() > MAX_LABEL_LINE_CHARS {
        return None;
    }
    let collapsed = collapse_whitespace(&node.texts().collect::<String>());
    // "---- by Kenneth Surin": a rule or bullet before the label.
    let mut text = collapsed.trim_start_matches(|c: char| "-–—*·•".contains(c)).trim_start();
    // "<h5>Autor:</h5>Peter Maahn": a label alone, the name in the text after it.
    let label_alone = {
        let alone: Vec<&str> = text.split(' ').collect();
        label_end(&alone, &words.labels, 0).is_some_and(|end| end == alone.len() || alone[end..] == [":"])
    };
    let joined;
    if label_alone && let Some(next) = text_after(node) {
        joined = collapse_whitespace(&format!("{text} {next}"));
        text = &joined;
    }
    // "Ein Artikel von Pamela Sladky | 27.01.2022": the date and what follows it off.
    let text = cut_before_date(text, rules);
    let line: Vec<&str> = text.split(' ').collect();
    let after = label_end(&line, &words.labels, 0)?;
    // "Auteur : Kossivi Tiassou": the colon may stand apart.
    let after = after + usize::from(line.get(after).is_some_and(|w| matches!(*w, ":" | "：")));
    let name = &line[after..];
    let name_like = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit())
            || NAME_PARTICLES.contains(w)
            || words.joiners.contains(*w)
    };
    let starts_with_name = name.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    (starts_with_name && name.len() <= 6 && name.iter().all(name_like) && !in_form(node)).then_some(text)
}

/// The first text after an element, past blank text and line breaks: the name in
/// "<b>Von:</b> <br> Götz Warnke".
fn text_after<'a>(node: NodeRef<'a>) -> Option<&'a str> {
    node.next_siblings()
        .find(|n| n.as_text().is_none_or(|t| !t.trim().is_empty()) && n.tag() != Some("br"))
        .and_then(NodeRef::as_text)
}

/// Lower-case words inside persons' names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
const NAME_PARTICLES: [&str; 14] =
    ["von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "dos", "bin", "al"];

/// Where the words of a label end, when one stands at `at`: "Publié par" in
/// "Publié par Jean Roe" ends at 2. A trailing ":" is no part of the word.
fn label_end(line: &[&str], labels: &[Vec<String>], at: usize) -> Option<usize> {
    let word = |i: usize| line.get(i).map(|w| w.trim_end_matches([':', '：']).to_lowercase());
    labels
        .iter()
        .filter(|label| label.iter().enumerate().all(|(k, l)| word(at + k).as_deref() == Some(l.as_str())))
        .map(|label| at + label.len())
        .max()
}

/// "By MEG KINNARD and ERRIN HAINES, Associated Press" -> the two names: the label
/// ("By", "von", "Publié par") off, the role or outlet after the first comma off, the
/// names split at joiners ("and", "und"). Nothing when only a label is left.
fn byline_names(byline: &str, words: &BylineWords, date_words: &[String], surname_prefixes: &[String]) -> Vec<String> {
    let unglued = unglue_byline(byline.trim(), surname_prefixes);
    let line: Vec<&str> = unglued.split_whitespace().collect();
    if label_end(&line, &words.credits, 0).is_some() {
        return Vec::new();
    }
    // "Analysis by ...": a late label among the first three words; else a label first.
    let after = (0..line.len().min(3))
        .find_map(|at| label_end(&line, &words.late_labels, at))
        .or_else(|| label_end(&line, &words.labels, 0))
        .unwrap_or(0);
    // "Jane Roe All articles": the name ends where a tail starts.
    // "Christian Seiler Illustration von Markus Roost": a picture credit ends them too.
    let ends_names = |at: usize| {
        label_end(&line, &words.tails, at).is_some() || (at > after && label_end(&line, &words.credits, at).is_some())
    };
    let end = (after..line.len()).find(|&at| ends_names(at)).unwrap_or(line.len());
    let rest = line[after..end].join(" ");
    let rest = rest.trim_start_matches([':', '：', ' ']);
    let names = rest.split(',').next().unwrap_or(rest);
    // "Peter Maahn/SP-X": an agency's code glued on after a slash.
    let names = match names.rsplit_once(' ') {
        Some((head, last)) => match last.find('/') {
            Some(slash) => &names[..head.len() + 1 + slash],
            None => names,
        },
        None => names,
    };
    // "Jörn Mecher am" (before a cut date), "Sara Zinnecker Stand": a trailing short
    // lower-case word or date word is no part of the name.
    let mut names = names.trim();
    while let Some((head, last)) = names.rsplit_once(' ') {
        let lower = last.to_lowercase();
        let short_function_word = last.chars().count() <= 3 && last.chars().all(char::is_lowercase);
        if !(short_function_word || date_words.contains(&lower)) {
            break;
        }
        names = head.trim_end();
    }
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for word in names.split(' ') {
        if words.joiners.contains(word) {
            out.push(current.join(" "));
            current.clear();
        } else {
            current.push(word);
        }
    }
    out.push(current.join(" "));
    out.into_iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect()
}

/// Names are capitalised, or a handle of one word ("tlow"): "posted on" is no name,
/// nor a line that opens with a date word ("Veröffentlicht am", "Posted").
fn is_name_shaped(name: &str, date_words: &[String]) -> bool {
    let first = name.split(' ').next().unwrap_or(name).trim_end_matches(':').to_lowercase();
    name.chars().any(char::is_alphabetic)
        && !date_words.contains(&first)
        && (!name.contains(' ')
            || name.split(' ').any(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_ascii())))
}

/// Whether a name opens with a definite article ("The Guardian", "Der Spiegel").
fn opens_with_article(name: &str) -> bool {
    const ARTICLES: [&str; 12] = ["The", "Der", "Die", "Das", "Le", "La", "Les", "El", "Los", "Las", "Il", "De"];
    name.split(' ').next().is_some_and(|w| ARTICLES.contains(&w)) && name.contains(' ')
}

/// A name that is the publisher's rather than a person's: the site's name, a JSON-LD
/// publisher, a domain ("tagesschau.de"), or a company ("Web Commerce GmbH").
fn is_publisher_like(name: &str, publishers: &[&str], legal_suffixes: &HashSet<String>) -> bool {
    publishers.iter().any(|p| p.eq_ignore_ascii_case(name))
        || opens_with_article(name)
        || is_site_like(name, None)
        || name.rsplit(' ').next().is_some_and(|last| name.contains(' ') && legal_suffixes.contains(last))
}

/// The authors, from the first evidence that names one: the author meta tag, JSON-LD,
/// a "Written by" label and value pair of meta tags (`twitter:label1`/`twitter:data1`),
/// the page's byline elements in order, then unmarked label lines.
fn choose_authors(facts: &PageFacts, ld: &JsonLd, meta_author: Option<&str>, rules: &Rules) -> Vec<String> {
    let words = &rules.clean.byline;
    let date_words = &rules.clean.date_words;
    let clean = |candidates: &[String]| -> Vec<String> {
        let mut names: Vec<String> = candidates
            .iter()
            .flat_map(|a| byline_names(a, words, date_words, &rules.orgs.surname_prefixes))
            .filter(|a| is_name_shaped(a, date_words) && !is_author_junk(a, &rules.clean.author_junk))
            .collect();
        names.dedup();
        // "Kirsten Freund / handwerksblatt.de": the site beside a person is no author.
        if names.iter().any(|n| !is_site_like(n, None)) {
            names.retain(|n| !is_site_like(n, None));
        }
        names
    };
    let meta: Vec<String> = meta_author.filter(|v| !looks_like_url(v)).map(collapse_whitespace).into_iter().collect();
    let labelled: Vec<String> = labelled_meta_author(&facts.meta, words).into_iter().collect();
    let candidates = [meta, ld.authors.clone(), labelled]
        .into_iter()
        .chain(facts.bylines.iter().map(|b| vec![b.clone()]))
        .chain(facts.label_lines.iter().map(|b| vec![b.clone()]))
        .chain(facts.dated_name.iter().map(|b| vec![b.clone()]))
        .map(|c| clean(&c))
        .filter(|names| !names.is_empty());
    // The publisher named as the author ("Badische Zeitung", "mdr.de") only when no
    // evidence names a person.
    let mut publishers: Vec<&str> = ld.publishers.iter().map(String::as_str).collect();
    publishers.extend(facts.meta.get("og:site_name").map(String::as_str));
    let mut fallback = None;
    for names in candidates {
        // "The Russian and Syrian defense ministries": an article opens no person's name.
        let publisher = |n: &String| is_publisher_like(n, &publishers, &rules.orgs.legal_suffixes);
        if names.iter().all(publisher) || names.iter().any(|n| opens_with_article(n)) {
            fallback.get_or_insert(names);
        } else {
            return names;
        }
    }
    fallback.unwrap_or_default()
}

/// The value of a meta label whose label is a byline label: `twitter:label1` "Written
/// by" (or "Verfasst von") with `twitter:data1` "Jane Roe", as SEO plugins write them.
fn labelled_meta_author(meta: &HashMap<String, String>, words: &BylineWords) -> Option<String> {
    (1..=4).find_map(|n| {
        let label = meta.get(&format!("twitter:label{n}"))?;
        let label: Vec<&str> = label.split_whitespace().collect();
        (label_end(&label, &words.labels, 0) == Some(label.len()))
            .then(|| meta.get(&format!("twitter:data{n}")).cloned())?
    })
}

/// Undoes the gluing of a byline to its neighbours when the page's markup had no
/// space between them: "ByJane Doe" gives "By Jane Doe", "Jane DoeCEO" and
/// "Jane DoeStaff Writer" give "Jane Doe" (what follows the glue is a role). A
/// capital inside a word after a surname prefix ("McDonald", "DeVito") is no glue.
fn unglue_byline(line: &str, surname_prefixes: &[String]) -> String {
    let line = match line.strip_prefix("By") {
        Some(rest) if rest.starts_with(char::is_uppercase) => format!("By {rest}"),
        _ => line.to_string(),
    };
    // Bylines come whitespace-folded: words are separated by one space.
    // A glued word after a first name only: "KleineGrüneMonster" alone is a handle.
    let mut start = 0;
    let mut names_before = 0;
    for word in line.split(' ') {
        if names_before > 0
            && let Some(glue) = glue_point(word, surname_prefixes)
        {
            return line[..start + glue].trim_end().to_string();
        }
        if !word.eq_ignore_ascii_case("by") {
            names_before += 1;
        }
        start += word.len() + 1;
    }
    line
}

/// Where a lower-case letter is followed by a capital inside a word, unless the
/// part before is a surname prefix ("DeVito", "McDonald").
fn glue_point(word: &str, surname_prefixes: &[String]) -> Option<usize> {
    let mut previous: Option<char> = None;
    for (i, c) in word.char_indices() {
        // "GmbH": one capital at the end is no glued word.
        if c.is_uppercase() && previous.is_some_and(char::is_lowercase) && word[i..].chars().count() >= 2 {
            let before = &word[..i];
            if !surname_prefixes.iter().any(|p| p == before) {
                return Some(i);
            }
        }
        previous = Some(c);
    }
    None
}

/// "Email the author", "Follow @x", a URL, a sentence: not a name.
fn is_author_junk(author: &str, junk: &[String]) -> bool {
    let lower = author.to_lowercase();
    // A digit makes a date, a time or a count, not a name: "Nov 29", "2 hours ago".
    lower.split_whitespace().count() > 5
        || author.chars().any(|c| c.is_ascii_digit())
        || junk.iter().any(|j| lower.contains(j.as_str()))
}

/// One walk over the elements, collecting every fact metadata needs.
fn gather(dom: &Dom, rules: &Rules) -> PageFacts {
    let mut facts = PageFacts::default();
    let mut elements_after_h1: Option<usize> = None;
    for node in dom.root().descendants() {
        let Some(el) = node.as_element() else { continue };
        match el.name() {
            "meta" => {
                let key = el.attr("property").or(el.attr("name")).or(el.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, el.attr("content")) {
                    facts.meta.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.trim().to_string());
                }
            }
            "title" if facts.title_tag.is_none() => {
                facts.title_tag = Some(collapse_whitespace(&node.texts().collect::<String>()));
            }
            "h1" if facts.h1s.len() < MAX_H1S => {
                let text = collapse_whitespace(&node.texts().collect::<String>());
                if !text.is_empty() {
                    facts.h1s.push(text);
                }
            }
            "link" if facts.canonical.is_none() => {
                let is_canonical =
                    el.attr("rel").is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")));
                if is_canonical {
                    facts.canonical = el.attr("href").map(|h| h.trim().to_string());
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let body: String = node.texts().collect();
                if let Ok(value) = serde_json::from_str::<Value>(body.trim()) {
                    facts.json_ld.push(value);
                }
            }
            _ => {}
        }
        if let Some((date, rest, modified)) = date_line(node, rules) {
            facts.dates.offer(if modified { DateKind::Modified } else { DateKind::PublishedLine }, &date);
            if facts.date_line.is_none() {
                facts.date_line = Some((date, rest));
            }
        }
        let dated = dated_element(node, el, rules);
        if let Some((kind, date)) = &dated {
            facts.dates.offer(*kind, date);
        }
        if let Some(seen) = elements_after_h1.as_mut() {
            *seen += 1;
            // An element that is a date element already said which kind its date is
            // ("Updated", a modification).
            if *seen <= NEAR_HEADLINE_ELEMENTS
                && dated.is_none()
                && facts.dates.get(DateKind::NearHeadline).is_none()
                && let Some((date, after)) = near_headline_date(node, rules)
            {
                facts.dates.offer(DateKind::NearHeadline, &date);
                facts.dated_name = facts.dated_name.take().or_else(|| name_after_date(&after));
            }
        } else if el.name() == "h1" {
            elements_after_h1 = Some(0);
        }
        if facts.bylines.len() < MAX_BYLINES && is_byline(el, &rules.clean.byline.hints) && !in_form(node) {
            let text = collapse_whitespace(&node.texts().collect::<String>());
            let text = label_after_date(&text, rules).unwrap_or(&text);
            let text = cut_before_date(text, rules);
            if !text.is_empty() && text.chars().count() <= MAX_BYLINE_CHARS {
                facts.bylines.push(text);
            }
        } else if facts.label_lines.len() < MAX_BYLINES
            && LABEL_LINE_TAGS.contains(&el.name())
            && let Some(line) = label_line(node, &rules.clean.byline, rules)
        {
            facts.label_lines.push(line);
        }
    }
    facts
}

/// An element whose own text is a line like "Updated: Jul 25, 2023 chinadaily.com.cn":
/// the date, and what follows it.
fn date_line(element: NodeRef, rules: &Rules) -> Option<(PubDate, String, bool)> {
    let own_text = || element.own_texts();
    // Most elements have no own text, or a paragraph's worth: tell so without
    // building a string (the line has at least as many characters as visible ones).
    let visible = own_text()
        .flat_map(str::chars)
        .filter(|&c| !c.is_whitespace() && !is_zero_width(c))
        .take(MAX_DATE_LINE_CHARS + 1)
        .count();
    if visible == 0 || visible > MAX_DATE_LINE_CHARS {
        return None;
    }
    let own: String = own_text().collect();
    let line = collapse_whitespace(&own);
    if line.is_empty() || line.chars().count() > MAX_DATE_LINE_CHARS {
        return None;
    }
    let lower = line.to_lowercase();
    let opens_with =
        |w: &String| lower.starts_with(w.as_str()) && lower[w.len()..].starts_with(|c: char| !c.is_alphanumeric());
    let introducer = rules.clean.date_words.iter().filter(|w| opens_with(w)).max_by_key(|w| w.len())?;
    let modified = rules.clean.modified_words.iter().any(|w| w == introducer);
    let found = find_date(&line, &rules.months)?;
    Some((found.date, line[found.end..].to_string(), modified))
}

/// The kinds of date evidence found in the page's elements, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateKind {
    /// A `<time datetime>` or an `itemprop=datePublished` element's machine value.
    Machine,
    /// The visible text of a `<time>` or `itemprop=datePublished` element.
    VisibleTime,
    /// A line introduced by a publication word ("Published: 25.07.2023").
    PublishedLine,
    /// The short text of an element whose class or id marks a date ("post-date").
    Hinted,
    /// A short unmarked line with a date soon after the `<h1>`.
    NearHeadline,
    /// Any of the above marked as a modification ("Updated:", `dateModified`).
    Modified,
}

const DATE_KINDS: usize = 6;

/// The first date of each kind, in document order.
#[derive(Default)]
struct DateFacts {
    first: [Option<PubDate>; DATE_KINDS],
}

impl DateFacts {
    fn offer(&mut self, kind: DateKind, date: &PubDate) {
        let slot = &mut self.first[kind as usize];
        // A day, then the same day with its time (a date element's <time> child): the
        // finer one.
        let finer = slot.as_ref().is_some_and(|s| date.value.len() > s.value.len() && date.value.starts_with(&s.value));
        if slot.is_none() || finer {
            *slot = Some(date.clone());
        }
    }

    fn get(&self, kind: DateKind) -> Option<PubDate> {
        self.first[kind as usize].clone()
    }
}

/// Whether a node stands in the site's chrome: a nav, aside or footer, or a header
/// that is the page's, not the article's (one inside `<article>`/`<main>` or holding
/// the `<h1>` is the article's own).
fn in_chrome(node: NodeRef) -> bool {
    let mut ancestors = node.ancestors();
    while let Some(a) = ancestors.next() {
        match a.tag() {
            Some("nav" | "aside" | "footer") => return true,
            Some("header") => {
                let articles = ancestors.any(|o| matches!(o.tag(), Some("article" | "main")));
                return !articles && !a.descendants().any(|d| d.tag() == Some("h1"));
            }
            Some("article" | "main") => return false,
            _ => {}
        }
    }
    false
}

/// The date of a short element soon after the first `<h1>` whose own text holds a
/// full date ("01. November 2021", "03.02.2022 15:34", "24. April 2020 | Politik"):
/// the date line of a headline's byline area that no class or word marks.
fn near_headline_date(node: NodeRef, rules: &Rules) -> Option<(PubDate, String)> {
    let visible = node.own_texts().flat_map(str::chars).filter(|c| !c.is_whitespace()).take(MAX_NEAR_DATE_CHARS + 1);
    if !(6..=MAX_NEAR_DATE_CHARS).contains(&visible.count()) || in_chrome(node) {
        return None;
    }
    let line = collapse_whitespace(&node.own_texts().collect::<String>());
    let found = find_date(&line, &rules.months)?;
    // Beside the date, a few words at most (a byline, a section): not a sentence.
    let rest = line[..found.start].split_whitespace().count() + line[found.end..].split_whitespace().count();
    (rest <= MAX_WORDS_BESIDE_NEAR_DATE).then(|| (found.date, line[found.end..].to_string()))
}

/// The name in what follows a date on a line of its own: "- Amelie Loevenich" in
/// "11.12.2019 - Amelie Loevenich". Two to four capitalised words and nothing else;
/// one word ("- Politik") is more often a section than a person.
fn name_after_date(after: &str) -> Option<String> {
    let name = after.trim_start_matches(|c: char| c.is_whitespace() || "-–—|·•,:".contains(c)).trim_end();
    let words: Vec<&str> = name.split(' ').collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
    };
    ((2..=4).contains(&words.len()) && words.iter().all(capitalised)).then(|| name.to_string())
}

/// Words an unmarked date line near the headline may hold beside the date.
const MAX_WORDS_BESIDE_NEAR_DATE: usize = 5;

/// How many elements after the first `<h1>` may hold its unmarked date line.
const NEAR_HEADLINE_ELEMENTS: usize = 40;
/// An unmarked date line near the headline has at most this many visible characters.
const MAX_NEAR_DATE_CHARS: usize = 60;

/// A date an element states: a `<time>` or `itemprop` date element (its
/// `datetime` or `content`, else its text), or a short element whose class or id
/// marks a date; with the kind of evidence it is.
fn dated_element(node: NodeRef, el: &Element, rules: &Rules) -> Option<(DateKind, PubDate)> {
    // Every element passes here: compare itemprop without a lower-cased copy.
    let itemprop_is = |name: &str| el.attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case(name));
    let date_prop = ["datepublished", "datecreated", "datemodified"].into_iter().any(itemprop_is);
    let is_time = el.name() == "time" || (date_prop && el.name() != "meta");
    if !is_time && ![el.class(), el.id()].into_iter().flatten().any(|v| any_word_in(v, &rules.clean.date_hints)) {
        return None;
    }
    let modified = itemprop_is("datemodified") || marks_modified(el, &rules.clean.modified_words);
    let machine = is_time.then(|| el.attr("datetime").or(el.attr("content"))).flatten();
    let (kind, date) = match machine.and_then(|v| parse_date(v, &rules.months)) {
        Some(date) => (DateKind::Machine, date),
        None => {
            let in_chrome = || in_chrome(node);
            let text = short_text(node)?;
            if !is_time && in_chrome() {
                return None;
            }
            let kind = if is_time { DateKind::VisibleTime } else { DateKind::Hinted };
            (kind, find_date(&text, &rules.months)?.date)
        }
    };
    Some((if modified { DateKind::Modified } else { kind }, date))
}

/// The element's whole text, whitespace folded, when it is short enough for a date line.
fn short_text(node: NodeRef) -> Option<String> {
    let visible = node
        .texts()
        .flat_map(str::chars)
        .filter(|&c| !c.is_whitespace() && !is_zero_width(c))
        .take(MAX_DATE_LINE_CHARS + 1)
        .count();
    (1..=MAX_DATE_LINE_CHARS).contains(&visible).then(|| collapse_whitespace(&node.texts().collect::<String>()))
}

/// Whether the element's class, id or itemprop says "updated" or "modified".
fn marks_modified(el: &Element, modified_words: &[String]) -> bool {
    // "entry-date published updated" (hAtom, as blog themes write it) is the publication.
    [el.class(), el.id(), el.attr("itemprop")].into_iter().flatten().any(|v| {
        let lower = v.to_lowercase();
        !lower.contains("publish")
            && modified_words.iter().filter(|w| !w.contains(' ')).any(|w| lower.contains(w.as_str()))
    })
}

/// The publication date, from the strongest evidence that gives one: meta tags,
/// JSON-LD `datePublished`, date elements, visible date lines, the URL; a date
/// marked as a modification only when nothing else dates the page.
fn choose_published(
    facts: &PageFacts,
    ld: &JsonLd,
    url: Option<&str>,
    (meta_published, meta_modified): (Option<&str>, Option<&str>),
    rules: &Rules,
) -> Option<PubDate> {
    let parse = |v: Option<&str>| v.and_then(|v| parse_date(v, &rules.months));
    parse(meta_published)
        .or_else(|| parse(ld.date_published.as_deref()))
        .or_else(|| facts.dates.get(DateKind::Machine))
        .or_else(|| facts.dates.get(DateKind::VisibleTime))
        .or_else(|| facts.dates.get(DateKind::PublishedLine))
        .or_else(|| facts.dates.get(DateKind::Hinted))
        .or_else(|| facts.dates.get(DateKind::NearHeadline))
        .or_else(|| url.and_then(date_from_url))
        .or_else(|| parse(meta_modified))
        .or_else(|| parse(ld.date_modified.as_deref()))
        .or_else(|| facts.dates.get(DateKind::Modified))
}

/// The outlet credited after the date: "chinadaily.com.cn", "Source: Xinhua".
fn credit_from(rest: &str, prefixes: &[String]) -> Option<String> {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_digit() || ":|,-–—".contains(c));
    let rest = rest.trim();
    let rest = prefixes
        .iter()
        .find_map(|p| rest.get(..p.len()).filter(|head| head.to_lowercase() == *p).map(|_| &rest[p.len()..]))
        .unwrap_or(rest)
        .trim();
    let chars = rest.chars().count();
    ((2..=MAX_CREDIT_CHARS).contains(&chars) && rest.chars().any(char::is_alphabetic)).then(|| rest.to_string())
}

/// The headline, by agreement: the first `<h1>` that the meta/JSON-LD title or the
/// `<title>` confirms (an SEO variant of the meta title or a site-suffixed
/// `<title>` loses to the on-page headline it contains); else the meta title
/// unless it only names the site; else an `<h1>` the `<title>` contains; else the
/// `<title>` without its section and site parts; else the first `<h1>`.
fn choose_title(meta: Option<&str>, title_tag: Option<&str>, h1s: &[String], site: &SiteParts) -> Option<String> {
    let meta =
        meta.map(|m| site.strip(&collapse_whitespace(m))).filter(|m| !m.is_empty() && !is_site_like(m, site.name));
    let confirmed = |h1: &&String| {
        !is_site_like(h1, site.name)
            && [meta.as_deref(), title_tag].into_iter().flatten().any(|other| agrees(h1, other))
    };
    if let Some(h1) = h1s.iter().find(confirmed) {
        return Some(h1.clone());
    }
    // The page's only <h1>, reworded in the meta title or <title> ("... mit Malerrolle
    // und bunten Farben" against "... & bunter Farbe"): the on-page wording wins.
    if let [h1] = h1s
        && !is_site_like(h1, site.name)
        && [meta.as_deref(), title_tag].into_iter().flatten().any(|other| shares_half(h1, other))
    {
        return Some(h1.clone());
    }
    let in_title = |h1: &&String| title_tag.is_some_and(|t| t.to_lowercase().contains(&h1.to_lowercase()));
    meta.or_else(|| h1s.iter().find(in_title).cloned())
        .or_else(|| title_tag.map(|t| site.strip(t)))
        .or_else(|| h1s.first().cloned())
        .filter(|t| !t.is_empty())
}

/// Whether half or more of a headline's words (of two or more) are in a title.
fn shares_half(headline: &str, title: &str) -> bool {
    let (shared, headline_words, _) = word_overlap(headline, title);
    headline_words >= 2 && shared * 2 >= headline_words
}

/// How many of a headline's words (case aside) a title holds, and how many words
/// each has.
fn word_overlap(headline: &str, title: &str) -> (usize, usize, usize) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    let (headline, title) = (words(headline), words(title));
    let shared = headline.iter().filter(|w| title.contains(w)).count();
    (shared, headline.len(), title.len())
}

/// Whether a headline and a title say the same: nearly all the headline's words
/// are in the title, and they make a good part of it.
fn agrees(headline: &str, title: &str) -> bool {
    let (shared, headline_words, title_words) = word_overlap(headline, title);
    headline_words > 0 && title_words > 0 && shared * 10 >= headline_words * 8 && shared * 10 >= title_words * 4
}

/// What tells a title's headline from its site and section parts: the site's
/// name, if the page gives one, and the separators of `rules/clean/title_separators.tsv`.
struct SiteParts<'r> {
    name: Option<&'r str>,
    separators: &'r [String],
}

impl SiteParts<'_> {
    /// Splits a title at the first separator it has; the parts, if several.
    fn split<'t>(&self, title: &'t str) -> Option<(&str, Vec<&'t str>)> {
        self.separators.iter().find_map(|sep| {
            let parts: Vec<&str> = title.split(sep.as_str()).map(str::trim).collect();
            (parts.len() > 1).then_some((sep.as_str(), parts))
        })
    }

    /// Removes trailing (or leading) parts that name the site, and a section part
    /// before the site part: "Headline - Section - www.site.com" gives "Headline".
    fn strip(&self, title: &str) -> String {
        let Some((sep, parts)) = self.split(title) else { return title.to_string() };
        strip_site_parts(sep, parts, self.name)
    }
}

fn strip_site_parts(sep: &str, mut parts: Vec<&str>, site_name: Option<&str>) -> String {
    let is_site = |p: &str| is_site_like(p, site_name);
    let words = |p: &str| p.split_whitespace().count();
    // "A long headline of many words - Brand": a short last part after a long
    // first one names the site, even when nothing else says so.
    let short_brand_last = parts.len() == 2 && words(parts[1]) <= 3 && words(parts[0]) >= 2 * words(parts[1]) + 2;
    if parts.len() >= 2 && (is_site(parts[parts.len() - 1]) || short_brand_last) {
        parts.pop();
        // "Headline - Section - Site": the shorter middle part is the section.
        if parts.len() == 2 && parts[1].len() < parts[0].len() {
            parts.pop();
        }
    } else if parts.len() >= 2 && is_site(parts[0]) {
        parts.remove(0);
    }
    parts.join(sep)
}

/// "Headline - Section - www.site.com": the middle part.
fn section_from_title(title: Option<&str>, site: &SiteParts) -> Option<String> {
    let (_, parts) = site.split(title?)?;
    (parts.len() == 3 && is_site_like(parts[2], site.name) && parts[1].len() < parts[0].len())
        .then(|| parts[1].to_string())
}

fn is_site_like(part: &str, site_name: Option<&str>) -> bool {
    let lower = part.to_lowercase();
    site_name.is_some_and(|s| s.eq_ignore_ascii_case(part))
        || lower.starts_with("www.")
        || (!lower.contains(' ') && psl::domain_str(&lower).is_some_and(|d| d.contains('.')) && lower.contains('.'))
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

/// The canonical URL: `<link rel=canonical>` resolved against the fetched URL,
/// else `og:url`, else JSON-LD, else where the page was fetched from.
fn choose_url(canonical: Option<&str>, og: Option<&str>, ld: Option<&str>, fetched: Option<&str>) -> Option<String> {
    let base = fetched.and_then(|f| url::Url::parse(f).ok());
    let absolute = |href: &str| -> Option<String> {
        let parsed = match &base {
            Some(b) => b.join(href).ok()?,
            None => url::Url::parse(href).ok()?,
        };
        matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
    };
    [canonical, og, ld, fetched].into_iter().flatten().find_map(|href| absolute(href.trim()))
}

/// The registrable domain of a URL (`www.chinaservicesinfo.com` gives
/// `chinaservicesinfo.com`).
pub fn registrable_domain(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    if parsed.host().is_some_and(|h| !matches!(h, url::Host::Domain(_))) {
        return Some(host);
    }
    psl::domain_str(&host).map(str::to_string)
}

/// The article facts of the page's JSON-LD, from the first object that has them.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    url: Option<String>,
    date_published: Option<String>,
    date_modified: Option<String>,
    authors: Vec<String>,
    /// The names of the article's `publisher`, and of authors typed `Organization`.
    publishers: Vec<String>,
    section: Option<String>,
    /// Every `@type` seen, in order.
    types: Vec<String>,
}

impl JsonLd {
    fn from_values(values: &[Value]) -> JsonLd {
        let mut out = JsonLd::default();
        let named = named_nodes(values);
        let mut stack: Vec<&Value> = values.iter().collect();
        while let Some(value) = stack.pop() {
            match value {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    match map.get("@type") {
                        Some(Value::String(t)) => out.types.push(t.clone()),
                        Some(Value::Array(ts)) => {
                            out.types.extend(ts.iter().filter_map(Value::as_str).map(str::to_string))
                        }
                        _ => {}
                    }
                    if ["datePublished", "dateModified", "headline"].iter().any(|k| map.contains_key(*k)) {
                        out.fill_from(map, &named);
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn fill_from(&mut self, map: &serde_json::Map<String, Value>, named: &HashMap<&str, &str>) {
        let string =
            |key: &str| map.get(key).and_then(Value::as_str).map(collapse_whitespace).filter(|s| !s.is_empty());
        self.headline = self.headline.take().or_else(|| string("headline"));
        self.date_published = self.date_published.take().or_else(|| string("datePublished"));
        self.date_modified = self.date_modified.take().or_else(|| string("dateModified"));
        self.section = self.section.take().or_else(|| string("articleSection"));
        self.url = self.url.take().or_else(|| string("url"));
        if self.authors.is_empty() {
            self.authors = names(map.get("author"), named);
        }
        if self.publishers.is_empty() {
            self.publishers = names(map.get("publisher"), named);
            self.publishers.extend(organisation_names(map.get("author")));
        }
    }
}

/// The names of the JSON-LD nodes that have an `@id`: an article's `author` may be a
/// reference (`{"@id": "https://x/#/schema/person/1"}`) to a Person of the `@graph`.
fn named_nodes(values: &[Value]) -> HashMap<&str, &str> {
    let mut out = HashMap::default();
    let mut stack: Vec<&Value> = values.iter().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items.iter()),
            Value::Object(map) => {
                if let (Some(id), Some(name)) =
                    (map.get("@id").and_then(Value::as_str), map.get("name").and_then(Value::as_str))
                {
                    out.entry(id).or_insert(name);
                }
                stack.extend(map.values().filter(|v| v.is_array() || v.is_object()));
            }
            _ => {}
        }
    }
    out
}

/// The names of the objects of a JSON-LD value typed `Organization` (or a kind of it).
fn organisation_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Object(map)) => {
            let organisation = map
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.ends_with("Organization") || t == "NewsMediaOrganization" || t == "Corporation");
            let name = map.get("name").and_then(Value::as_str).map(collapse_whitespace);
            name.filter(|_| organisation).into_iter().collect()
        }
        Some(Value::Array(items)) => items.iter().flat_map(|v| organisation_names(Some(v))).collect(),
        _ => Vec::new(),
    }
}

/// Author names from a JSON-LD `author` value: a string, an object (or a reference to
/// a named node), or a list.
fn names(value: Option<&Value>, named: &HashMap<&str, &str>) -> Vec<String> {
    match value {
        Some(Value::String(s)) if !looks_like_url(s) => vec![collapse_whitespace(s)],
        Some(Value::Object(map)) => map
            .get("name")
            .and_then(Value::as_str)
            .or_else(|| map.get("@id").and_then(Value::as_str).and_then(|id| named.get(id).copied()))
            .map(collapse_whitespace)
            .into_iter()
            .collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|v| names(Some(v), named)).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(page: &str) -> Metadata {
        read_metadata(&Dom::parse(page), None, &Rules::embedded())
    }

    fn published(m: &Metadata) -> Option<String> {
        m.published.as_ref().map(|d| d.value.clone())
    }

    fn published_of(page: &str) -> Option<String> {
        published(&meta_of(page))
    }

    #[test]
    fn visible_dates_of_date_elements() {
        assert_eq!(published_of("<p>x</p><time>Dec 13, 2016 at 3:45 pm</time>").as_deref(), Some("2016-12-13"));
        assert_eq!(
            published_of("<time datetime='2016-12-13 15:45:00+01:00'>x</time>").as_deref(),
            Some("2016-12-13T15:45:00+01:00")
        );
        assert_eq!(published_of("<span class='post-date'>19.07.2022</span>").as_deref(), Some("2022-07-19"));
        assert_eq!(published_of("<div class=date>2019年4月4日</div>").as_deref(), Some("2019-04-04"));
        assert_eq!(published_of("<span itemprop=datePublished>25 juillet 2023</span>").as_deref(), Some("2023-07-25"));
        let masthead = "<header><span class=date>Wednesday, 2 December 2026</span></header><p>x</p>";
        assert_eq!(published_of(masthead), None, "the masthead's date is today's, not the article's");
        let long = format!("<div class=date>{} 19.07.2022</div>", "word ".repeat(60));
        assert_eq!(published_of(&long), None, "a block of text is no date element");
    }

    #[test]
    fn unmarked_date_lines_soon_after_the_headline() {
        let page = "<h1>Das Hermelin</h1><p class=caption> 01. November 2021 </p><p>Text.</p>";
        assert_eq!(published_of(page).as_deref(), Some("2021-11-01"));
        let page = "<h1>Head</h1><p class=category> 24. April 2020 | <a>Politik</a></p>";
        assert_eq!(published_of(page).as_deref(), Some("2020-04-24"));
        let page = "<p>Event on 3 May 2021</p><h1>Head</h1><p>Text.</p>";
        assert_eq!(published_of(page), None, "before the headline");
        let far = format!("<h1>Head</h1>{}<p>9 May 2021</p>", "<p>x</p>".repeat(50));
        assert_eq!(published_of(&far), None, "far from the headline");
        let prose = "<h1>Head</h1><p>The talks of 3 May 2021 ended without a deal, and everybody went home.</p>";
        assert_eq!(published_of(prose), None, "a sentence is no date line");
    }

    #[test]
    fn the_articles_own_header_is_no_chrome() {
        let page = "<article><header><span class=entry-date>5. November 2021</span></header></article>";
        assert_eq!(published_of(page).as_deref(), Some("2021-11-05"));
        let page = "<header><h1>Head</h1><p class=meta-date>03.02.2022 15:34</p></header>";
        assert_eq!(published_of(page).as_deref(), Some("2022-02-03"));
        let page = "<header><span class=date>Wednesday, 2 December 2026</span></header><article><p>x</p></article>";
        assert_eq!(published_of(page), None, "the site's masthead");
        let page = "<span class='entry-date published updated'>1 Aug 2023</span><p>Updated: 2 Aug 2023</p>";
        assert_eq!(
            published_of(page).as_deref(),
            Some("2023-08-01"),
            "hAtom's published-and-updated is the publication"
        );
        let page = "<li class=modified-date><time class=updated datetime='2018-08-13T08:04:08+00:00'>August 13, 2018</time></li>";
        assert_eq!(published_of(page).as_deref(), Some("2018-08-13T08:04:08Z"), "the finer of the same day");
    }

    #[test]
    fn published_dates_before_modified_ones() {
        let page = "<meta property='article:modified_time' content='2023-08-01'>\
                    <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-07-25\"}</script>";
        assert_eq!(published_of(page).as_deref(), Some("2023-07-25"));
        let page =
            "<p><time class=updated datetime='2023-08-01'>1 Aug</time> <time datetime='2023-07-25'>25 Jul</time></p>";
        assert_eq!(published_of(page).as_deref(), Some("2023-07-25"));
        let page = "<p>Updated: Aug 1, 2023</p><p>Published: Jul 25, 2023</p>";
        assert_eq!(published_of(page).as_deref(), Some("2023-07-25"));
        assert_eq!(
            published_of("<p>Updated: Aug 1, 2023</p>").as_deref(),
            Some("2023-08-01"),
            "the only date there is"
        );
        assert_eq!(
            published_of("<meta property='article:modified_time' content='2023-08-01'>").as_deref(),
            Some("2023-08-01")
        );
    }

    #[test]
    fn meta_dates_are_validated_and_keep_their_zone() {
        let meta = |v: &str| published_of(&format!("<meta property='article:published_time' content='{v}'>"));
        assert_eq!(meta("Tue, 25 Jul 2023 08:30:00 GMT").as_deref(), Some("2023-07-25T08:30:00Z"));
        assert_eq!(meta("1690273800").as_deref(), Some("2023-07-25T08:30:00Z"));
        assert_eq!(meta("25.07.2023").as_deref(), Some("2023-07-25"));
        assert_eq!(meta("2023-07-25T10:99:77+08:00"), None);
        assert_eq!(meta("2023-07-25T10:30:00+99:99"), None);
        let m = meta_of("<meta property='article:published_time' content='2023-07-25T08:30+08:00'>");
        assert_eq!(m.published.map(|d| d.precision), Some(crate::record::DatePrecision::Minute));
    }

    #[test]
    fn title_drops_section_and_site() {
        let m = meta_of("<title>Big news today - World - www.example.com</title><h1>Other</h1>");
        assert_eq!(m.title.as_deref(), Some("Big news today"));
        assert_eq!(m.section.as_deref(), Some("World"));
        let m = meta_of(
            "<title>Big news today | Example Times</title><meta property=og:site_name content='Example Times'>",
        );
        assert_eq!(m.title.as_deref(), Some("Big news today"));
        let m = meta_of("<title>A headline with many words in it - Brand</title>");
        assert_eq!(m.title.as_deref(), Some("A headline with many words in it"));
        let m = meta_of("<title>Biden - Putin summit</title>");
        assert_eq!(m.title.as_deref(), Some("Biden - Putin summit"));
        let m = meta_of("<title>Site - A headline with - a dash</title><h1>A headline with - a dash</h1>");
        assert_eq!(m.title.as_deref(), Some("A headline with - a dash"));
    }

    #[test]
    fn the_only_headline_wins_over_a_reworded_title() {
        let m = meta_of(
            "<title>Minions malen - mit Malerrolle & bunter Farbe</title><h1>Minions malen – mit Malerrolle und bunten Farben</h1>",
        );
        assert_eq!(m.title.as_deref(), Some("Minions malen – mit Malerrolle und bunten Farben"));
        // A headline sharing little with the title is not taken for it.
        let m = meta_of(
            "<title>Minions malen - mit Malerrolle & bunter Farbe</title><h1>Unsere Bastelideen für Kinder</h1>",
        );
        assert_eq!(m.title.as_deref(), Some("Minions malen - mit Malerrolle & bunter Farbe"));
        // Two headlines: neither is the page's only one.
        let m = meta_of(
            "<title>Minions malen - mit Malerrolle & bunter Farbe</title><h1>Minions malen mit Farben</h1><h1>Minions malen im Garten</h1>",
        );
        assert_eq!(m.title.as_deref(), Some("Minions malen - mit Malerrolle & bunter Farbe"));
    }

    #[test]
    fn json_ld_article_facts() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
            {"@type":"NewsArticle","headline":"LD headline","datePublished":"2021-03-04T05:06:07+01:00",
             "author":[{"@type":"Person","name":"Ann Lee"},{"name":"Bo Chen"}],"articleSection":"Tech"}]}</script>"#,
        );
        assert_eq!(m.title.as_deref(), Some("LD headline"));
        assert_eq!(published(&m).as_deref(), Some("2021-03-04T05:06:07+01:00"));
        assert_eq!(m.authors, ["Ann Lee", "Bo Chen"]);
        assert_eq!(m.section.as_deref(), Some("Tech"));
    }

    #[test]
    fn visible_date_line_gives_date_and_credit() {
        let m = meta_of("<div><span>Updated: Jul 25, 2023 chinadaily.com.cn</span></div>");
        assert_eq!(published(&m).as_deref(), Some("2023-07-25"));
        assert_eq!(m.credit.as_deref(), Some("chinadaily.com.cn"));
        let m = meta_of("<p>Updates on the 2023 season came in May 25, 2023 from everyone</p>");
        assert_eq!(m.published, None, "prose is not a date line");
    }

    #[test]
    fn bylines_give_names_without_junk() {
        let m = meta_of("<meta name=author content='By MEG KINNARD and ERRIN HAINES, Associated Press'>");
        assert_eq!(m.authors, ["MEG KINNARD", "ERRIN HAINES"]);
        assert_eq!(meta_of("<meta name=author content='Colby Smith'>").authors, ["Colby Smith"]);
        assert_eq!(meta_of("<meta name=author content='Analysis by Chris Cillizza, CNN'>").authors, ["Chris Cillizza"]);
        assert!(meta_of("<meta name=author content='Email the author'>").authors.is_empty());
        assert!(meta_of("<meta name=author content='Follow @jdoe on Twitter'>").authors.is_empty());
    }

    #[test]
    fn visible_bylines_when_no_meta_names_the_author() {
        let m = meta_of("<body><p class='article-byline'>By Jane Roe, Staff Writer</p><p>Text</p></body>");
        assert_eq!(m.authors, ["Jane Roe"]);
        let m = meta_of("<meta name=author content='Ann Lee'><div class=byline>By Jane Roe</div>");
        assert_eq!(m.authors, ["Ann Lee"], "meta first");
        let m = meta_of("<div class=author>Carrie ArnoldNovember 15, 2019</div>");
        assert_eq!(m.authors, ["Carrie Arnold"]);
        assert_eq!(meta_of("<div class=byline>ByJane Doe</div>").authors, ["Jane Doe"]);
        assert_eq!(meta_of("<div class=byline>Jane DoeCEO</div>").authors, ["Jane Doe"]);
        assert_eq!(meta_of("<div class=byline>J.D. Roe Nov 29</div>").authors, ["J.D. Roe"]);
        assert_eq!(
            meta_of("<div class=byline>Ray McDonald and Danny DeVito</div>").authors,
            ["Ray McDonald", "Danny DeVito"]
        );
        assert!(meta_of("<div class=byline>Monday</div>").authors.is_empty(), "a weekday is no name");
        assert!(meta_of("<div class=byline>12 hours ago</div>").authors.is_empty());
        assert_eq!(meta_of("<div class=byline>KleineGrüneMonster</div>").authors, ["KleineGrüneMonster"], "a handle");
        let m = meta_of("<form><label class=author>Name (required)</label></form>");
        assert!(m.authors.is_empty());
    }

    #[test]
    fn byline_labels_of_many_languages() {
        let byline = |text: &str| meta_of(&format!("<div class=author>{text}</div>")).authors;
        assert_eq!(byline("Von Vanessa Franke"), ["Vanessa Franke"]);
        assert_eq!(byline("Publié par Jean Roe"), ["Jean Roe"]);
        assert_eq!(byline("Autor: Peter Maahn"), ["Peter Maahn"]);
        assert_eq!(byline("Ursula von der Leyen"), ["Ursula von der Leyen"], "a particle inside a name stays");
        assert_eq!(byline("Anna Roe und Bo Chen"), ["Anna Roe", "Bo Chen"]);
        assert_eq!(byline("Johanna Kropfitsch Alle Artikel"), ["Johanna Kropfitsch"]);
        assert_eq!(byline("Kirsten Freund / handwerksblatt.de"), ["Kirsten Freund"]);
        assert_eq!(byline("Jörn Mecher am"), ["Jörn Mecher"]);
        assert!(byline("Foto: Ingo Schneider").is_empty(), "a picture credit");
        assert!(byline("Veröffentlicht am").is_empty(), "a date line's label");
        assert_eq!(byline("Web Commerce GmbH"), ["Web Commerce GmbH"], "GmbH is not glued to a role");
    }

    #[test]
    fn later_bylines_when_the_first_names_nobody() {
        let page = "<span class='meta-prep-author'>By </span><span class='author vcard'><a>tlow</a></span>";
        assert_eq!(meta_of(page).authors, ["tlow"], "a one-word handle");
        let page = "<span class=byline>Posted on</span><span class=author>Adi Tzlil</span>";
        assert_eq!(meta_of(page).authors, ["Adi Tzlil"]);
        let page = "<div data-testid=prism-byline><span>By</span> <a>J.R. Stone</a></div>";
        assert_eq!(meta_of(page).authors, ["J.R. Stone"]);
    }

    #[test]
    fn unmarked_label_lines_are_the_last_evidence() {
        assert_eq!(meta_of("<p><i>von Daniela Obers</i></p><p>Text</p>").authors, ["Daniela Obers"]);
        assert_eq!(meta_of("<p>Auteur : Kossivi Tiassou </p>").authors, ["Kossivi Tiassou"]);
        assert_eq!(meta_of("<div>Ein Artikel von <b>Pamela Sladky</b> | 27.01.2022</div>").authors, ["Pamela Sladky"]);
        assert!(meta_of("<p>By 2030, the city will have grown.</p>").authors.is_empty());
        assert!(meta_of("<p>By the river we sat down and wept.</p>").authors.is_empty());
    }

    #[test]
    fn bylines_end_before_weekdays_agency_codes_and_credits() {
        let page = "<p class=byline>By <a>J.R. Stone</a> Thursday, November 9, 2023 3:32AM</p>";
        assert_eq!(meta_of(page).authors, ["J.R. Stone"]);
        let page = "<p class=byline>By Mike Wuerthele and Malcolm Owen <span>Monday, November 18, 2019</span></p>";
        assert_eq!(meta_of(page).authors, ["Mike Wuerthele", "Malcolm Owen"]);
        // A weekday with no date after it is part of the name.
        assert_eq!(meta_of("<p class=byline>By Plácido Domingo</p>").authors, ["Plácido Domingo"]);
        assert_eq!(meta_of("<div class=author>Posted on September 21, 2020 by Adi Tzlil</div>").authors, ["Adi Tzlil"]);
        let page = "<p><em>Text von Christian Seiler Illustration von Markus Roost</em></p>";
        assert_eq!(meta_of(page).authors, ["Christian Seiler"]);
    }

    #[test]
    fn labels_apart_from_their_names_and_names_after_a_date() {
        let page = "<div><h5>Datum: </h5>03.11.2021<br><h5>Autor: </h5>Peter Maahn/SP-X</div>";
        assert_eq!(meta_of(page).authors, ["Peter Maahn"]);
        assert_eq!(meta_of("<p><b>Von:</b> <br> <br> Götz Warnke</p>").authors, ["Götz Warnke"]);
        assert_eq!(meta_of("<p><strong><em>---- by Kenneth Surin</em></strong></p>").authors, ["Kenneth Surin"]);
        // A label and a sentence after it is no byline.
        assert!(meta_of("<p><b>Text:</b> die Stadt wächst weiter.</p>").authors.is_empty());
        let page = "<h1>Variablen und ihr Zuhause</h1><p>11.12.2019 - Amelie Loevenich</p>";
        assert_eq!(meta_of(page).authors, ["Amelie Loevenich"]);
        assert!(meta_of("<h1>Variablen und ihr Zuhause</h1><p>11.12.2019 - Politik</p>").authors.is_empty());
    }

    #[test]
    fn authors_of_seo_meta_and_json_ld_references() {
        let page =
            "<meta name='twitter:label1' content='Verfasst von'><meta name='twitter:data1' content='Karoline Herr'>";
        assert_eq!(meta_of(page).authors, ["Karoline Herr"]);
        let page =
            "<meta name='twitter:label1' content='Est. reading time'><meta name='twitter:data1' content='4 minutes'>";
        assert!(meta_of(page).authors.is_empty());
        let page = r#"<script type="application/ld+json">{"@graph":[{"@type":"Article","datePublished":"2020-01-02",
            "author":{"@id":"https://x.org/#/person/1"}},{"@type":"Person","@id":"https://x.org/#/person/1","name":"Giovanni Gaggero"}]}</script>"#;
        assert_eq!(meta_of(page).authors, ["Giovanni Gaggero"]);
    }

    #[test]
    fn the_publisher_is_the_author_only_when_no_person_is_named() {
        let page = "<meta property=og:site_name content='Badische Zeitung'><meta name=author content='Badische Zeitung'>\
                    <span class=author>Lisa Petrich</span>";
        assert_eq!(meta_of(page).authors, ["Lisa Petrich"]);
        let page =
            "<meta property=og:site_name content='Badische Zeitung'><meta name=author content='Badische Zeitung'>";
        assert_eq!(meta_of(page).authors, ["Badische Zeitung"]);
        assert_eq!(meta_of("<meta name=author content='mdr.de'><p class=byline>Von Jan Roe</p>").authors, ["Jan Roe"]);
        let page = "<meta name=author content='POLYGRAPH.info'><p class=statement-author>The Russian and Syrian defense ministries</p>";
        assert_eq!(meta_of(page).authors, ["POLYGRAPH.info"], "an article opens no person's name");
    }

    #[test]
    fn page_types_and_url_dates() {
        let page = "<meta property='og:type' content='website'><link rel=canonical href='https://x.com/news/2019/11/05/a.html'>";
        let m = meta_of(page);
        assert_eq!(m.page_types, ["website"]);
        assert_eq!(published(&m).as_deref(), Some("2019-11-05"));
    }

    #[test]
    fn canonical_url_resolves_and_gives_site() {
        let page = "<link rel=canonical href='/a/b.html'>";
        let m = read_metadata(&Dom::parse(page), Some("https://news.example.co.uk/x"), &Rules::embedded());
        assert_eq!(m.url.as_deref(), Some("https://news.example.co.uk/a/b.html"));
        assert_eq!(registrable_domain(m.url.as_deref().unwrap()).as_deref(), Some("example.co.uk"));
        assert_eq!(meta_of("<link rel=canonical href='javascript:x'>").url, None);
    }

    #[test]
    fn declared_language() {
        assert_eq!(meta_of("<html lang='pt-BR'><p>x</p></html>").declared_language.as_deref(), Some("pt"));
    }
}
