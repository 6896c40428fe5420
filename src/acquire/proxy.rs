//! Which HTTP proxy, if any, a request goes through: `--proxy`, or the usual
//! environment variables (`http_proxy`, `https_proxy`, `all_proxy`, each also
//! upper case, and `no_proxy`), read once when fetching starts.
//!
//! The same [`Proxies::for_url`] answer drives the HTTP client and the address
//! guard in [`super::fetch`], so the guard knows when it has to check a name
//! itself: through a proxy, gleaner does not connect to the target, the proxy
//! does. This module neither connects nor resolves anything.

use std::net::IpAddr;
use url::Url;

/// The proxies of one run, by URL scheme, and the hosts that go direct.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    http: Option<Url>,
    https: Option<Url>,
    direct: Vec<DirectRule>,
}

/// One `no_proxy` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DirectRule {
    /// `*`: every host goes direct.
    All,
    /// A name and its subdomains (`example.com`, `.example.com`).
    Domain(String),
    /// An address or a network (`10.0.0.0/8`, `::1`).
    Net(ipnet::IpNet),
}

impl Proxies {
    /// No proxy at all.
    pub fn none() -> Proxies {
        Proxies::default()
    }

    /// From the environment as curl reads it: the lower-case name first, then
    /// the upper-case one, an empty value as unset. `HTTP_PROXY` in upper case
    /// is ignored when `REQUEST_METHOD` is set, since under CGI a client's
    /// `Proxy:` header arrives as that variable ("httpoxy"). `forced` (the
    /// `--proxy` option) replaces the proxy variables for http and https alike;
    /// `no_proxy` applies either way.
    pub fn from_env(forced: Option<&str>) -> Result<Proxies, String> {
        Proxies::from_lookup(|name| std::env::var(name).ok(), forced)
    }

    /// [`Proxies::from_env`] over any lookup (tests use a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>, forced: Option<&str>) -> Result<Proxies, String> {
        let cgi = lookup("REQUEST_METHOD").is_some();
        let var = |lower: &str, upper: &str| {
            let set = |v: &String| !v.trim().is_empty();
            let upper_counts = !(cgi && upper == "HTTP_PROXY");
            lookup(lower).filter(set).or_else(|| lookup(upper).filter(|v| upper_counts && set(v)))
        };
        let direct = direct_rules(&var("no_proxy", "NO_PROXY").unwrap_or_default());
        if let Some(proxy) = forced {
            let proxy = proxy_url(proxy)?;
            return Ok(Proxies { http: Some(proxy.clone()), https: Some(proxy), direct });
        }
        let all = var("all_proxy", "ALL_PROXY");
        let parse = |v: Option<String>| v.or_else(|| all.clone()).map(|v| proxy_url(&v)).transpose();
        Ok(Proxies {
            http: parse(var("http_proxy", "HTTP_PROXY"))?,
            https: parse(var("https_proxy", "HTTPS_PROXY"))?,
            direct,
        })
    }

    /// The proxy a request for `url` goes through, or `None` to connect direct.
    pub fn for_url(&self, url: &Url) -> Option<&Url> {
        let proxy = match url.scheme() {
            "http" => self.http.as_ref(),
            "https" => self.https.as_ref(),
            _ => None,
        }?;
        let direct = match url.host()? {
            url::Host::Domain(name) => self.goes_direct_name(name),
            url::Host::Ipv4(ip) => self.goes_direct_ip(IpAddr::V4(ip)),
            url::Host::Ipv6(ip) => self.goes_direct_ip(IpAddr::V6(ip)),
        };
        (!direct).then_some(proxy)
    }

    /// The proxies' own host names, which the guard lets resolve to internal
    /// addresses: the user named them, and in-house proxies live there.
    pub fn hosts(&self) -> Vec<String> {
        let mut hosts: Vec<String> = [&self.http, &self.https]
            .into_iter()
            .flatten()
            .filter_map(|u| match u.host()? {
                url::Host::Domain(name) => Some(name.to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        hosts.dedup();
        hosts
    }

    fn goes_direct_name(&self, name: &str) -> bool {
        let name = name.trim_end_matches('.');
        self.direct.iter().any(|rule| match rule {
            DirectRule::All => true,
            DirectRule::Domain(domain) => {
                let (name, domain) = (name.as_bytes(), domain.as_bytes());
                name.eq_ignore_ascii_case(domain)
                    || (name.len() > domain.len()
                        && name[name.len() - domain.len() - 1] == b'.'
                        && name[name.len() - domain.len()..].eq_ignore_ascii_case(domain))
            }
            DirectRule::Net(_) => false,
        })
    }

    fn goes_direct_ip(&self, ip: IpAddr) -> bool {
        self.direct.iter().any(|rule| match rule {
            DirectRule::All => true,
            DirectRule::Net(net) => net.contains(&ip),
            DirectRule::Domain(_) => false,
        })
    }
}

/// A proxy URL: `http://` is assumed when no scheme is given (`proxy:3128`).
fn proxy_url(text: &str) -> Result<Url, String> {
    let text = text.trim();
    // Messages show the proxy without its credentials.
    let shown = match text.rsplit_once('@') {
        Some((_, host)) => format!("***@{host}"),
        None => text.to_string(),
    };
    let with_scheme = if text.contains("://") { text.to_string() } else { format!("http://{text}") };
    let url = Url::parse(&with_scheme).map_err(|e| format!("proxy {shown:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "proxy {shown:?}: only http:// and https:// proxies are supported, not {}://",
            url.scheme()
        ));
    }
    if url.host().is_none() {
        return Err(format!("proxy {shown:?} has no host"));
    }
    Ok(url)
}

/// `no_proxy`: comma- or space-separated names (a leading `.` or `*.` is the
/// same as none), addresses, networks, or `*`. A `:port` on an entry is dropped:
/// the rule is by host.
fn direct_rules(list: &str) -> Vec<DirectRule> {
    list.split([',', ' ', '\t', '\n'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            if entry == "*" {
                return DirectRule::All;
            }
            if let Ok(net) = entry.parse::<ipnet::IpNet>() {
                return DirectRule::Net(net);
            }
            // Before any ":port" is cut: "::1" is an address, not "::" and a port.
            if let Ok(ip) = entry.parse::<IpAddr>() {
                return DirectRule::Net(ipnet::IpNet::from(ip));
            }
            let host = match entry.rsplit_once(':') {
                Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
                _ => entry,
            };
            if let Ok(ip) = host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
                return DirectRule::Net(ipnet::IpNet::from(ip));
            }
            DirectRule::Domain(host.trim_start_matches('*').trim_start_matches('.').to_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn from(vars: &[(&str, &str)]) -> Proxies {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Proxies::from_lookup(|name| map.get(name).cloned(), None).expect("valid proxy settings")
    }

    fn via(proxies: &Proxies, url: &str) -> Option<String> {
        proxies.for_url(&Url::parse(url).unwrap()).map(|u| u.to_string())
    }

    #[test]
    fn each_scheme_takes_its_variable_and_all_proxy_fills_the_rest() {
        let p = from(&[("http_proxy", "http://h:1"), ("ALL_PROXY", "a:2")]);
        assert_eq!(via(&p, "http://example.com/").as_deref(), Some("http://h:1/"));
        assert_eq!(via(&p, "https://example.com/").as_deref(), Some("http://a:2/"));
        let none = from(&[("https_proxy", "")]);
        assert_eq!(via(&none, "https://example.com/"), None, "an empty value is unset");
    }

    #[test]
    fn lower_case_wins_and_upper_case_http_proxy_is_ignored_under_cgi() {
        let p = from(&[("https_proxy", "http://lower:1"), ("HTTPS_PROXY", "http://upper:1")]);
        assert_eq!(via(&p, "https://example.com/").as_deref(), Some("http://lower:1/"));
        let cgi = from(&[("HTTP_PROXY", "http://attacker:1"), ("REQUEST_METHOD", "GET")]);
        assert_eq!(via(&cgi, "http://example.com/"), None);
        let shell = from(&[("HTTP_PROXY", "http://upper:1")]);
        assert_eq!(via(&shell, "http://example.com/").as_deref(), Some("http://upper:1/"));
    }

    #[test]
    fn no_proxy_sends_names_subdomains_addresses_and_networks_direct() {
        let p = from(&[
            ("all_proxy", "http://p:3128"),
            ("no_proxy", "example.com, .corp.test,10.0.0.0/8 ::1,192.0.2.7:8080,*.wild.test"),
        ]);
        for direct in [
            "http://example.com/",
            "http://news.example.com/a",
            "https://EXAMPLE.COM./",
            "http://x.corp.test/",
            "http://10.1.2.3/",
            "http://[::1]:8080/",
            "http://192.0.2.7/",
            "http://a.wild.test/",
        ] {
            assert_eq!(via(&p, direct), None, "{direct} goes direct");
        }
        for proxied in
            ["http://notexample.com/", "http://example.com.evil.test/", "http://11.0.0.1/", "http://corp.test.x/"]
        {
            assert_eq!(via(&p, proxied).as_deref(), Some("http://p:3128/"), "{proxied} goes through the proxy");
        }
        let all = from(&[("all_proxy", "http://p:3128"), ("NO_PROXY", "*")]);
        assert_eq!(via(&all, "http://example.com/"), None);
    }

    #[test]
    fn a_forced_proxy_replaces_the_variables_but_no_proxy_still_applies() {
        let map: HashMap<&str, &str> = [("https_proxy", "http://env:1"), ("no_proxy", "example.org")].into();
        let lookup = |n: &str| map.get(n).map(|v| v.to_string());
        let p = Proxies::from_lookup(lookup, Some("proxy.local:3128")).unwrap();
        assert_eq!(via(&p, "https://example.com/").as_deref(), Some("http://proxy.local:3128/"), "no scheme is http");
        assert_eq!(via(&p, "http://example.com/").as_deref(), Some("http://proxy.local:3128/"));
        assert_eq!(via(&p, "https://example.org/"), None);
        assert_eq!(p.hosts(), vec!["proxy.local".to_string()]);
    }

    #[test]
    fn proxies_other_than_http_are_refused() {
        let none = |_: &str| None;
        assert!(Proxies::from_lookup(none, Some("socks5://127.0.0.1:1080")).unwrap_err().contains("only http"));
        let map: HashMap<&str, &str> = [("https_proxy", "ftp://x:1")].into();
        assert!(Proxies::from_lookup(|n| map.get(n).map(|v| v.to_string()), None).is_err());
        let secret = Proxies::from_lookup(none, Some("socks5://user:s3cret@proxy:1080")).unwrap_err();
        assert!(!secret.contains("s3cret"), "credentials are not shown: {secret}");
    }

    #[test]
    fn no_proxy_at_all_sends_everything_direct() {
        assert_eq!(via(&Proxies::none(), "http://example.com/"), None);
        assert_eq!(via(&from(&[]), "https://example.com/"), None);
    }
}
