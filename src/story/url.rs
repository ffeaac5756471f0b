//! Links from data: the one place that says whether a text is a web link and what its host
//! is. The check itself is [`crate::import::check_url`] (importers use it on every row); this
//! module adds the host a reader needs to judge a source ("eurasianet.org"). Nothing else in
//! Rust — and nothing in JavaScript — parses URLs.

use crate::import::check_url;

/// The trimmed link when `raw` is an `http://` or `https://` address, else `None`.
///
/// # Examples
/// ```
/// use farmmap::story::url::web_link;
/// assert_eq!(web_link(" https://example.org/a "), Some("https://example.org/a".to_string()));
/// assert_eq!(web_link("javascript:alert(1)"), None);
/// assert_eq!(web_link(""), None);
/// ```
pub fn web_link(raw: &str) -> Option<String> {
    check_url(raw)
        .ok()
        .filter(|u| !u.is_empty() && host(u).is_some())
}

/// The host of a web link without `www.` and user info, or `None` when `url` is not a web
/// link.
///
/// # Examples
/// ```
/// use farmmap::story::url::host;
/// assert_eq!(host("https://www.eurasianet.org/a?b"), Some("eurasianet.org"));
/// assert_eq!(host("http://user@host.kz:80/x"), Some("host.kz:80"));
/// assert_eq!(host("x.org/p"), None);
/// ```
pub fn host(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|s| {
            url.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        })?
        .len();
    let rest = &url[scheme_len..];
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links_have_hosts() {
        assert_eq!(host("HTTPS://www.Example.org"), Some("Example.org"));
        assert_eq!(host("https://"), None);
        assert_eq!(host("ftp://x.org"), None);
        assert_eq!(web_link("https://"), None);
        assert_eq!(web_link("http://x.org").as_deref(), Some("http://x.org"));
    }
}
