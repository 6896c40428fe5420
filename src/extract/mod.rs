//! Extract: finds entities in the clean text. One module per entity kind, each an
//! [`Extractor`] that reads the article text and adds its findings to the record.
//!
//! Extractors read only `record.text` (never the HTML) and write only their own
//! list; every mention's `start`/`end` are code-point offsets into `record.text`.
//! [`extractors`] is the explicit list of what runs, in order.
//!
//! To add an entity kind: add a module with a type implementing [`Extractor`],
//! its rule files under `rules/`, and list it in [`extractors`].
//!
//! - [`counts`]: numbers of things, money and percentages.
//! - [`places`]: countries (ISO 3166-1) and regions (UN M49 and groups).
//! - [`organizations`]: named organisations with type and country.
//! - [`industries`]: industry fields coded to ISIC Rev.4.

pub mod counts;
pub mod industries;
mod offsets;
pub mod organizations;
pub mod places;
mod spans;
mod tokens;

use crate::record::Record;
use crate::rules::Rules;

/// One kind of entity found in the clean text.
pub trait Extractor: Send + Sync {
    /// A short name, for diagnostics and benchmarks.
    fn name(&self) -> &'static str;
    /// Adds this kind's entities to `record`, reading `record.text`.
    fn extract(&self, record: &mut Record);
}

/// Whether English rules may read this record: its language is English or unknown.
/// The counts, organisations and industries grammars are English; places match
/// English names, which are harmless elsewhere.
pub(crate) fn reads_english(record: &Record) -> bool {
    record.language.as_deref().is_none_or(|l| l == "en")
}

/// The extractors that run, in order, built from the rules.
pub fn extractors(rules: &Rules) -> Vec<Box<dyn Extractor>> {
    vec![
        Box::new(counts::CountsExtractor::new(&rules.counts, rules.months.keys().cloned())),
        Box::new(places::PlacesExtractor::new(&rules.places)),
        Box::new(organizations::OrganizationsExtractor::new(rules)),
        Box::new(industries::IndustriesExtractor::new(&rules.industries)),
    ]
}
