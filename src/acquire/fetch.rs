//! Fetching pages over HTTP(S): polite, concurrent, bounded, and safe by default.
//!
//! [`fetch_all`] fetches a list of URLs on a background thread (a tokio runtime
//! driving reqwest) and hands the results back in input order through a bounded
//! channel, so a batch reads them like any other input and a list of any length
//! holds at most `concurrency` pages in memory.
//!
//! Politeness: a global limit on requests in flight, a per-host limit and a
//! per-host delay between requests (the larger of ours and robots.txt's
//! crawl-delay); robots.txt (its first 500 KiB, as RFC 9309 allows) is obeyed
//! unless told otherwise. Retries with exponential back-off and jitter on connect errors, timeouts, 429 and 5xx,
//! honouring `Retry-After`. Connect, read and total timeouts; a body cap counted
//! after decompression (so a gzip bomb costs at most the cap); redirects followed
//! here, hop by hop, capped and checked for loops.
//!
//! Safety: only http and https; no request reaches a loopback, private,
//! link-local, shared or metadata address, whether the URL names it, a redirect
//! leads to it or DNS answers with it, unless private addresses are allowed
//! (or the address is listed in [`FetchOptions::allowed_addresses`]).
//! Through a proxy ([`super::proxy`]) the proxy connects, not gleaner, so the
//! target's name is resolved here first and refused when any address it gives
//! is internal; the proxy's own address is the user's choice and not checked.
//!
//! This module returns raw responses; it neither decodes nor archives them.

use super::proxy::Proxies;
use futures_util::StreamExt;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::{OnceCell, Semaphore};
use url::Url;

/// How to fetch.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The `User-Agent` header; its first word is the robots.txt agent name.
    pub user_agent: String,
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host.
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    pub host_delay: Duration,
    pub connect_timeout: Duration,
    /// Longest wait for any read from the connection.
    pub read_timeout: Duration,
    /// Longest time for one request, body included.
    pub total_timeout: Duration,
    /// Largest body kept, after decompression; larger ones are errors.
    pub max_body_bytes: u64,
    pub max_redirects: usize,
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first back-off; it doubles with each retry (with jitter).
    pub backoff: Duration,
    /// The longest wait before a retry, `Retry-After` included.
    pub max_retry_wait: Duration,
    pub obey_robots: bool,
    /// Allow loopback, private, link-local and other internal addresses.
    pub allow_private: bool,
    /// Internal addresses allowed even when private ones are not.
    pub allowed_addresses: Vec<IpAddr>,
    /// The proxies requests go through (none by default; the command line
    /// reads `--proxy` or the environment).
    pub proxies: Proxies,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: format!("gleaner/{}", env!("CARGO_PKG_VERSION")),
            concurrency: 16,
            per_host: 2,
            host_delay: Duration::from_millis(500),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_body_bytes: 64 * 1024 * 1024,
            max_redirects: 10,
            retries: 3,
            backoff: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(60),
            obey_robots: true,
            allow_private: false,
            allowed_addresses: Vec::new(),
            proxies: Proxies::none(),
        }
    }
}

/// A response, after redirects and retries.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL as asked for.
    pub requested: String,
    /// The URL of the final response.
    pub url: String,
    pub status: u16,
    /// `HTTP/1.1`, `HTTP/2.0`...
    pub version: String,
    /// Response headers, without the content and transfer codings undone here.
    pub headers: Vec<(String, String)>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// When the response arrived (ISO 8601, UTC).
    pub fetched_at: String,
    pub ip: Option<IpAddr>,
    /// Requests made for this URL (retries and redirect hops included).
    pub attempts: u32,
    /// The final request's line and headers, as sent.
    pub request_head: Vec<u8>,
}

impl Fetched {
    pub fn header(&self, name: &str) -> Option<&str> {
        super::warc::header(&self.headers, name)
    }

    /// Status line and headers describing `body` as stored (decoded, its length).
    pub fn response_head(&self) -> Vec<u8> {
        let reason = reqwest::StatusCode::from_u16(self.status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
        let mut head = format!("{} {} {}\r\n", self.version, self.status, reason);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", self.body.len()));
        head.into_bytes()
    }
}

/// Why a URL gave no response.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message} ({attempts} attempt{s})", s = if *attempts == 1 { "" } else { "s" })]
pub struct FetchError {
    pub url: String,
    /// Short machine-readable kind: `invalid_url`, `scheme`, `blocked`, `robots`,
    /// `connect`, `timeout`, `too_large`, `redirects`, `body`, `http`.
    pub kind: &'static str,
    pub message: String,
    pub attempts: u32,
    /// The last status received, if any.
    pub status: Option<u16>,
}

/// The results of [`fetch_all`], in input order.
pub struct FetchStream {
    results: tokio::sync::mpsc::Receiver<Result<Fetched, FetchError>>,
}

impl Iterator for FetchStream {
    type Item = Result<Fetched, FetchError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.results.blocking_recv()
    }
}

/// Fetches `urls` on a background thread; results come back in input order.
/// Dropping the stream stops the fetching.
pub fn fetch_all(urls: impl Iterator<Item = String> + Send + 'static, options: FetchOptions) -> FetchStream {
    let window = options.concurrency.max(1);
    let (tx, rx) = tokio::sync::mpsc::channel(window);
    std::thread::Builder::new()
        .name("gleaner-fetch".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => {
                    let error = FetchError {
                        url: String::new(),
                        kind: "runtime",
                        message: format!("cannot start the fetcher: {e}"),
                        attempts: 0,
                        status: None,
                    };
                    let _ = tx.blocking_send(Err(error));
                    return;
                }
            };
            runtime.block_on(async move {
                let fetcher = match Fetcher::new(options) {
                    Ok(f) => Arc::new(f),
                    Err(message) => {
                        let error =
                            FetchError { url: String::new(), kind: "runtime", message, attempts: 0, status: None };
                        let _ = tx.send(Err(error)).await;
                        return;
                    }
                };
                let mut results = futures_util::stream::iter(urls)
                    .map(|url| {
                        let fetcher = Arc::clone(&fetcher);
                        async move { fetcher.fetch(url).await }
                    })
                    .buffered(window);
                while let Some(result) = results.next().await {
                    if tx.send(result).await.is_err() {
                        break;
                    }
                }
            });
        })
        .expect("the fetch thread starts");
    FetchStream { results: rx }
}

/// What robots.txt says for one host.
enum Robots {
    AllowAll,
    DisallowAll(String),
    /// robots.txt could not be asked for (refused address, no connection...):
    /// the host is not fetched, for the same reason.
    Unreachable {
        kind: &'static str,
        message: String,
        attempts: u32,
    },
    Rules(Box<texting_robots::Robot>),
}

/// Per-host politeness state.
struct Host {
    permits: Semaphore,
    next_start: tokio::sync::Mutex<Instant>,
    robots: OnceCell<Robots>,
}

/// The address policy: which resolved addresses may be connected to.
#[derive(Debug, Clone)]
struct AddressPolicy {
    allow_private: bool,
    allowed: Vec<IpAddr>,
}

impl AddressPolicy {
    fn permits(&self, ip: IpAddr) -> bool {
        self.allow_private || self.allowed.contains(&ip) || !is_internal(ip)
    }
}

/// Loopback, private, link-local (cloud metadata lives there), shared,
/// unspecified, multicast, documentation and other non-public addresses. An
/// IPv6 address that carries an IPv4 address (mapped `::ffff:a.b.c.d`,
/// compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) is judged by
/// the IPv4 address it reaches.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => match embedded_ipv4(v6) {
            Some(v4) => is_internal_v4(v4),
            None => v6.is_loopback() || v6.is_unspecified() || v6.is_multicast() || in_internal_v6_range(v6),
        },
    }
}

/// IPv6 ranges that are not public unicast (IANA special-purpose registry,
/// RFC 6890 and later), beyond loopback, unspecified and multicast.
const INTERNAL_V6_RANGES: [&str; 11] = [
    "fc00::/7",       // unique local
    "fe80::/10",      // link-local
    "fec0::/10",      // site-local (deprecated, still routed inside sites)
    "100::/64",       // discard-only
    "64:ff9b:1::/48", // local-use NAT64 (RFC 8215): translates to anything inside
    "2001::/32",      // Teredo: tunnels to a host behind a NAT
    "2001:2::/48",    // benchmarking
    "2001:10::/28",   // ORCHID
    "2001:db8::/32",  // documentation
    "3fff::/20",      // documentation (RFC 9637)
    "5f00::/16",      // segment routing SIDs
];

fn in_internal_v6_range(ip: Ipv6Addr) -> bool {
    INTERNAL_V6_RANGES.iter().any(|range| range.parse::<ipnet::Ipv6Net>().is_ok_and(|net| net.contains(&ip)))
}

/// The IPv4 address an IPv6 address reaches, for the forms that embed one.
fn embedded_ipv4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let last32 = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    // IPv4-compatible `::a.b.c.d` (deprecated), but not `::` and `::1` themselves.
    if s[..6] == [0; 6] && !(s[6] == 0 && s[7] <= 1) {
        return Some(last32);
    }
    // NAT64 well-known prefix 64:ff9b::/96 (RFC 6052).
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(last32);
    }
    // 6to4 2002:a.b.c.d::/48 (RFC 3056).
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8));
    }
    None
}

fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240
}

/// Resolves names and drops the addresses the policy refuses, but for the
/// proxies' own names, which the user chose.
struct GuardedResolver {
    policy: AddressPolicy,
    proxy_hosts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0} resolves only to internal addresses (use --allow-private to fetch it)")]
struct BlockedAddress(String);

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let policy = self.policy.clone();
        let host = name.as_str().to_string();
        let is_proxy = self.proxy_hosts.iter().any(|p| p.eq_ignore_ascii_case(&host));
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await?;
            let allowed: Vec<SocketAddr> = found.filter(|addr| is_proxy || policy.permits(addr.ip())).collect();
            if allowed.is_empty() {
                return Err(Box::new(BlockedAddress(host)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    policy: AddressPolicy,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    /// The robots.txt agent name: the User-Agent's product token.
    agent: String,
}

/// What one request gave, before the redirect and retry logic looks at it.
struct RawResponse {
    status: u16,
    version: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    ip: Option<IpAddr>,
}

/// Why one request failed, and whether to try again.
struct AttemptError {
    kind: &'static str,
    message: String,
    retry: bool,
}

const ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5";
const ACCEPT_ENCODING: &str = "gzip, br, deflate";

impl Fetcher {
    fn new(options: FetchOptions) -> Result<Fetcher, String> {
        let policy = AddressPolicy { allow_private: options.allow_private, allowed: options.allowed_addresses.clone() };
        // reqwest is built without a crypto provider of its own; ring's is the
        // process default unless the embedding program installed another.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let resolver = GuardedResolver { policy: policy.clone(), proxy_hosts: options.proxies.hosts() };
        let mut builder = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .timeout(options.total_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .dns_resolver(Arc::new(resolver))
            // reqwest's own reading of the environment is off: the proxies
            // come from `options` alone, the same answer the guard reads.
            .no_proxy();
        if options.proxies != Proxies::none() {
            let proxies = options.proxies.clone();
            builder = builder.proxy(reqwest::Proxy::custom(move |url| proxies.for_url(url).cloned()));
        }
        let client = builder.build().map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        let agent = options.user_agent.split(['/', ' ']).next().unwrap_or("gleaner").to_string();
        Ok(Fetcher { client, options, policy, hosts: Mutex::new(HashMap::new()), agent })
    }

    async fn fetch(&self, requested: String) -> Result<Fetched, FetchError> {
        let mut attempts = 0;
        let mut last_status = None;
        let fail = |kind, message: String, attempts, status| FetchError {
            url: requested.clone(),
            kind,
            message,
            attempts,
            status,
        };
        let mut url =
            Url::parse(requested.trim()).map_err(|e| fail("invalid_url", format!("not a URL: {e}"), 0, None))?;
        let mut seen = HashSet::new();
        for _hop in 0..=self.options.max_redirects {
            self.check_url(&url).map_err(|(kind, m)| fail(kind, m, attempts, last_status))?;
            self.check_proxied_target(&url).await.map_err(|(kind, m)| fail(kind, m, attempts, last_status))?;
            let host = self.host(&url);
            if self.options.obey_robots {
                self.check_robots(&host, &url)
                    .await
                    .map_err(|(kind, m, tried)| fail(kind, m, attempts + tried, last_status))?;
            }
            let response = self
                .with_retries(&host, &url, BodyLimit::Refuse(self.options.max_body_bytes), &mut attempts)
                .await
                .map_err(|(e, status)| fail(e.kind, e.message, attempts, status))?;
            last_status = Some(response.status);
            if let Some(next) = redirect_target(&url, &response) {
                seen.insert(url.to_string());
                if seen.contains(next.as_str()) {
                    return Err(fail("redirects", format!("redirect loop at {next}"), attempts, last_status));
                }
                url = next;
                continue;
            }
            let request_head = self.request_head(&url);
            return Ok(Fetched {
                requested: requested.clone(),
                url: url.to_string(),
                status: response.status,
                version: response.version,
                headers: response.headers,
                body: response.body,
                fetched_at: now_iso8601(),
                // Through a proxy the peer is the proxy, not the page's server.
                ip: response.ip.filter(|_| self.options.proxies.for_url(&url).is_none()),
                attempts,
                request_head,
            });
        }
        let message = format!("more than {} redirects", self.options.max_redirects);
        Err(fail("redirects", message, attempts, last_status))
    }

    /// Scheme and, for addresses written in the URL, the address policy (named
    /// hosts are checked by the resolver, on every connection).
    fn check_url(&self, url: &Url) -> Result<(), (&'static str, String)> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(("scheme", format!("only http and https are fetched, not {}", url.scheme())));
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(url::Host::Domain(_)) => return Ok(()),
            None => return Err(("invalid_url", "the URL has no host".into())),
        };
        if self.policy.permits(ip) {
            Ok(())
        } else {
            Err(("blocked", format!("{ip} is an internal address (use --allow-private to fetch it)")))
        }
    }

    /// Through a proxy, the target's name is resolved here and refused when any
    /// address it gives is internal (the proxy may connect to any of them), or
    /// when it does not resolve at all, since then nothing can be checked.
    async fn check_proxied_target(&self, url: &Url) -> Result<(), (&'static str, String)> {
        let Some(url::Host::Domain(name)) = url.host() else { return Ok(()) };
        if self.policy.allow_private || self.options.proxies.for_url(url).is_none() {
            return Ok(());
        }
        let found = tokio::net::lookup_host((name, 0)).await.map_err(|e| {
            let message =
                format!("{name} does not resolve here ({e}), so it cannot be checked before the proxy connects to it");
            ("blocked", message)
        })?;
        match found.map(|addr| addr.ip()).find(|ip| !self.policy.permits(*ip)) {
            Some(ip) => Err((
                "blocked",
                format!("{name} resolves to {ip}, an internal address (use --allow-private to fetch it)"),
            )),
            None => Ok(()),
        }
    }

    fn host(&self, url: &Url) -> Arc<Host> {
        let key =
            format!("{}://{}:{}", url.scheme(), url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0));
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        let host = hosts.entry(key).or_insert_with(|| {
            Arc::new(Host {
                permits: Semaphore::new(self.options.per_host.max(1)),
                next_start: tokio::sync::Mutex::new(Instant::now()),
                robots: OnceCell::new(),
            })
        });
        Arc::clone(host)
    }

    /// Waits for a turn at the host: a free per-host slot and the host delay
    /// since the last request started.
    async fn take_turn<'h>(&self, host: &'h Host) -> tokio::sync::SemaphorePermit<'h> {
        let permit = host.permits.acquire().await.expect("host semaphores are never closed");
        let mut next_start = host.next_start.lock().await;
        let now = Instant::now();
        if *next_start > now {
            tokio::time::sleep_until((*next_start).into()).await;
        }
        *next_start = Instant::now().max(*next_start) + self.delay_for(host);
        permit
    }

    fn delay_for(&self, host: &Host) -> Duration {
        let crawl_delay = match host.robots.get() {
            Some(Robots::Rules(robot)) => robot.delay.map(|s| Duration::from_secs_f32(s.clamp(0.0, 60.0))),
            _ => None,
        };
        crawl_delay.map_or(self.options.host_delay, |d| d.max(self.options.host_delay))
    }

    /// Whether robots.txt lets `url` be fetched; when not, the error kind, the
    /// reason and the requests made for robots.txt.
    async fn check_robots(&self, host: &Host, url: &Url) -> Result<(), (&'static str, String, u32)> {
        let robots = host.robots.get_or_init(|| self.load_robots(host, url)).await;
        match robots {
            Robots::AllowAll => Ok(()),
            Robots::DisallowAll(why) => Err(("robots", why.clone(), 0)),
            Robots::Unreachable { kind, message, attempts } => Err((kind, message.clone(), *attempts)),
            Robots::Rules(robot) if robot.allowed(url.as_str()) => Ok(()),
            Robots::Rules(_) => Err(("robots", format!("robots.txt disallows {} for {}", url.path(), self.agent), 0)),
        }
    }

    /// robots.txt as RFC 9309 reads it: 4xx allows everything; a server error or
    /// no answer disallows everything for this run.
    async fn load_robots(&self, host: &Host, url: &Url) -> Robots {
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let mut attempts = 0;
        let limit = BodyLimit::Truncate(ROBOTS_MAX_BYTES);
        match self.with_retries(host, &robots_url, limit, &mut attempts).await {
            Ok(r) if (200..300).contains(&r.status) => match texting_robots::Robot::new(&self.agent, &r.body) {
                Ok(robot) => Robots::Rules(Box::new(robot)),
                Err(_) => Robots::AllowAll,
            },
            Ok(r) if (400..500).contains(&r.status) => Robots::AllowAll,
            // Redirects of robots.txt are not followed here; treat as no robots.txt.
            Ok(r) if (300..400).contains(&r.status) => Robots::AllowAll,
            Ok(r) => Robots::DisallowAll(format!("robots.txt answered {}, so the host is not fetched", r.status)),
            Err((e, _)) if e.kind == "blocked" => Robots::Unreachable { kind: e.kind, message: e.message, attempts },
            Err((e, _)) => {
                let message = format!("{} (asking for robots.txt, so the host is not fetched)", e.message);
                Robots::Unreachable { kind: e.kind, message, attempts }
            }
        }
    }

    /// One request, retried on connect errors, timeouts, 429 and 5xx.
    async fn with_retries(
        &self,
        host: &Host,
        url: &Url,
        limit: BodyLimit,
        attempts: &mut u32,
    ) -> Result<RawResponse, (AttemptError, Option<u16>)> {
        let mut retries_left = self.options.retries;
        loop {
            *attempts += 1;
            let outcome = {
                let _turn = self.take_turn(host).await;
                let request = self.request_once(url, limit);
                match tokio::time::timeout(self.options.total_timeout, request).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(AttemptError {
                        kind: "timeout",
                        message: format!("no complete response within {:?}", self.options.total_timeout),
                        retry: true,
                    }),
                }
            };
            let wait = match &outcome {
                Ok(r) if r.status == 429 || (500..600).contains(&r.status) => {
                    retry_after(&r.headers).unwrap_or_else(|| self.backoff(*attempts))
                }
                Ok(_) => return outcome.map_err(|e| (e, None)),
                Err(e) if e.retry => self.backoff(*attempts),
                Err(_) => return outcome.map_err(|e| (e, None)),
            };
            if retries_left == 0 {
                return match outcome {
                    Ok(r) => Ok(r),
                    Err(e) => Err((e, None)),
                };
            }
            retries_left -= 1;
            tokio::time::sleep(wait.min(self.options.max_retry_wait)).await;
        }
    }

    /// Exponential back-off with jitter: base × 2^(attempt-1) × [0.5, 1.5).
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.options.backoff.saturating_mul(1 << (attempt.saturating_sub(1)).min(16));
        base.mul_f64(0.5 + fastrand::f64()).min(self.options.max_retry_wait)
    }

    async fn request_once(&self, url: &Url, limit: BodyLimit) -> Result<RawResponse, AttemptError> {
        let request = self.client.get(url.clone()).header(reqwest::header::ACCEPT, ACCEPT);
        let mut response = request.send().await.map_err(|e| attempt_error(&e))?;
        let status = response.status().as_u16();
        let version = format!("{:?}", response.version());
        let ip = response.remote_addr().map(|a| a.ip());
        let headers = response
            .headers()
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "content-length" | "content-encoding" | "transfer-encoding"))
            .map(|(name, value)| (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let mut body = Vec::new();
        match limit {
            BodyLimit::Refuse(cap) => {
                if response.content_length().is_some_and(|n| n > cap) {
                    return Err(too_large(cap));
                }
                while let Some(chunk) = response.chunk().await.map_err(|e| attempt_error(&e))? {
                    if (body.len() + chunk.len()) as u64 > cap {
                        return Err(too_large(cap));
                    }
                    body.extend_from_slice(&chunk);
                }
            }
            BodyLimit::Truncate(cap) => {
                let cap = usize::try_from(cap).unwrap_or(usize::MAX);
                while let Some(chunk) = response.chunk().await.map_err(|e| attempt_error(&e))? {
                    let room = cap - body.len();
                    body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    if body.len() == cap {
                        break;
                    }
                }
            }
        }
        Ok(RawResponse { status, version, headers, body, ip })
    }

    /// The request line and headers as this client sends them, for the archive.
    fn request_head(&self, url: &Url) -> Vec<u8> {
        let mut target = url.path().to_string();
        if let Some(query) = url.query() {
            target.push('?');
            target.push_str(query);
        }
        let host = match url.port() {
            Some(port) => format!("{}:{port}", url.host_str().unwrap_or("")),
            None => url.host_str().unwrap_or("").to_string(),
        };
        format!(
            "GET {target} HTTP/1.1\r\nhost: {host}\r\nuser-agent: {}\r\naccept: {ACCEPT}\r\naccept-encoding: {ACCEPT_ENCODING}\r\n\r\n",
            self.options.user_agent
        )
        .into_bytes()
    }
}

/// How much of robots.txt is read: RFC 9309 asks crawlers to parse at least
/// 500 KiB, and the major ones stop about there; the rest is ignored.
const ROBOTS_MAX_BYTES: u64 = 500 * 1024;

/// What a response body longer than a cap becomes.
#[derive(Debug, Clone, Copy)]
enum BodyLimit {
    /// An error (`too_large`): pages.
    Refuse(u64),
    /// Its first bytes, the rest not read: robots.txt.
    Truncate(u64),
}

fn too_large(cap: u64) -> AttemptError {
    AttemptError { kind: "too_large", message: format!("the body is larger than {cap} bytes"), retry: false }
}

/// Sorts a reqwest error into a kind, and whether a retry may help.
fn attempt_error(e: &reqwest::Error) -> AttemptError {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        if let Some(blocked) = err.downcast_ref::<BlockedAddress>() {
            return AttemptError { kind: "blocked", message: blocked.to_string(), retry: false };
        }
        source = err.source();
    }
    let detail = error_chain(e);
    if e.is_timeout() {
        AttemptError { kind: "timeout", message: format!("timed out: {detail}"), retry: true }
    } else if e.is_connect() {
        AttemptError { kind: "connect", message: format!("cannot connect: {detail}"), retry: true }
    } else if e.is_decode() {
        AttemptError { kind: "body", message: format!("cannot decode the body: {detail}"), retry: false }
    } else if e.is_body() || e.is_request() {
        // A reset or a connection closed mid-response.
        AttemptError { kind: "connect", message: format!("connection failed: {detail}"), retry: true }
    } else {
        AttemptError { kind: "http", message: detail, retry: false }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(err) = source {
        let part = err.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = err.source();
    }
    text
}

/// The next URL of a redirect response, resolved against the current one.
fn redirect_target(url: &Url, response: &RawResponse) -> Option<Url> {
    if !matches!(response.status, 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = super::warc::header(&response.headers, "location")?;
    url.join(location).ok()
}

/// `Retry-After` as seconds or an HTTP date.
fn retry_after(headers: &[(String, String)]) -> Option<Duration> {
    let value = super::warc::header(headers, "retry-after")?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// The current time as ISO 8601 UTC, to the second.
pub fn now_iso8601() -> String {
    let secs = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111"] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
        let policy = AddressPolicy { allow_private: false, allowed: vec!["127.0.0.1".parse().unwrap()] };
        assert!(policy.permits("127.0.0.1".parse().unwrap()));
        assert!(!policy.permits("127.0.0.2".parse().unwrap()));
    }

    #[test]
    fn ipv6_forms_that_reach_internal_hosts_are_refused() {
        for ip in [
            "64:ff9b::169.254.169.254", // NAT64 of the metadata address
            "64:ff9b::a9fe:a9fe",       // the same, in hex
            "64:ff9b::10.0.0.1",        // NAT64 of a private address
            "64:ff9b:1::1",             // local-use NAT64
            "2002:0a00:0001::1",        // 6to4 of 10.0.0.1
            "2002:a9fe:a9fe::",         // 6to4 of the metadata address
            "::127.0.0.1",              // IPv4-compatible loopback
            "::10.1.2.3",               // IPv4-compatible private
            "fec0::1",                  // site-local
            "100::1",                   // discard
            "2001::1",                  // Teredo
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",
            "2001:db8::1",
            "::",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["64:ff9b::8.8.8.8", "2002:0808:0808::1", "::8.8.8.8", "2a00:1450:4001:82a::200e"] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip} embeds or is a public address");
        }
    }

    #[test]
    fn the_internal_ranges_parse() {
        for range in INTERNAL_V6_RANGES {
            assert!(range.parse::<ipnet::Ipv6Net>().is_ok(), "{range}");
        }
    }

    #[test]
    fn allowed_addresses_still_pass() {
        let policy = AddressPolicy { allow_private: false, allowed: vec!["127.0.0.1".parse().unwrap()] };
        assert!(policy.permits("127.0.0.1".parse().unwrap()));
        assert!(!policy.permits("127.0.0.2".parse().unwrap()));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let h = |v: &str| vec![("retry-after".to_string(), v.to_string())];
        assert_eq!(retry_after(&h("3")), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&h("Wed, 21 Oct 2015 07:28:00 GMT")), Some(Duration::ZERO));
        assert_eq!(retry_after(&h("soon")), None);
    }

    #[test]
    fn dates_are_iso8601() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(now_iso8601().len(), 20);
    }
}
