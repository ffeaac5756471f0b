//! Tile URL templates, parsed rather than string-matched: where a template's requests go.
//!
//! A template is either an absolute `https://host[:port]/path` or a path on the page's own
//! site (`/path`). `{z}`, `{x}` and `{y}` may appear only in the path (and query), never in
//! the scheme or authority, so substituting numbers can never change where a request goes.
//! The authority is read strictly: ASCII letters, digits, `.` and `-`, an optional numeric
//! port; no user info (`@`), no backslash, no percent-escape, no whitespace or control
//! character anywhere — the tricks a browser's URL parser would read differently from a
//! naive check (`/\evil.example/…`, `https://good.example@evil.example/…`, `//evil.example`,
//! `https:\\evil.example`, a tab inside the host) are all refused. Which origins are allowed
//! is the publisher's decision (`app`), never the story's.

use std::fmt;

/// Where a tile template's requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TileOrigin {
    /// A path on the page's own site (`/tiles/{z}/{x}/{y}.png`): no request leaves it.
    SameSite,
    /// An `https` origin, normalised: `https://host` (lowercase, default port dropped) or
    /// `https://host:port`.
    Https(String),
}

impl fmt::Display for TileOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TileOrigin::SameSite => f.write_str("self"),
            TileOrigin::Https(o) => f.write_str(o),
        }
    }
}

/// The placeholders a template must have (each at least once).
pub const PLACEHOLDERS: [&str; 3] = ["{z}", "{x}", "{y}"];

/// Why a template or an allowed origin was refused (a sentence ending without a period).
pub type TemplateError = &'static str;

/// A parsed tile template: the text and the origin its requests go to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TileTemplate {
    template: String,
    origin: TileOrigin,
}

impl TileTemplate {
    /// Parse a template.
    ///
    /// # Examples
    /// ```
    /// use farmmap::basemap::tile_template::{TileOrigin, TileTemplate};
    /// let t = TileTemplate::parse("https://Tiles.Example:443/{z}/{x}/{y}.png").unwrap();
    /// assert_eq!(t.origin(), &TileOrigin::Https("https://tiles.example".into()));
    /// assert_eq!(t.url(3, 4, 5), "https://Tiles.Example:443/3/4/5.png");
    /// assert!(TileTemplate::parse("/\\evil.example/{z}/{x}/{y}").is_err());
    /// assert!(TileTemplate::parse("https://good.example@evil.example/{z}/{x}/{y}").is_err());
    /// ```
    pub fn parse(template: &str) -> Result<TileTemplate, TemplateError> {
        if template.is_empty() {
            return Err("is empty");
        }
        if template
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return Err("contains a backslash, a space or a control character");
        }
        if !PLACEHOLDERS.iter().all(|p| template.contains(p)) {
            return Err("must contain {z}, {x} and {y}");
        }
        let origin = if let Some(path) = template.strip_prefix('/') {
            if path.starts_with('/') {
                return Err("starts with // (another site, without a scheme)");
            }
            TileOrigin::SameSite
        } else {
            let rest = strip_prefix_ignore_case(template, "https://").ok_or(
                "must start with https:// (or be a path on this site starting with one /)",
            )?;
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            if !rest[end..].starts_with('/') {
                return Err("must have a path after the host");
            }
            TileOrigin::Https(authority(&rest[..end])?)
        };
        // Substituting numbers cannot move the request: check it on a filled-in URL too.
        let template = template.to_string();
        let parsed = TileTemplate { template, origin };
        if parsed.filled_origin() != Some(parsed.origin.clone()) {
            return Err("puts a placeholder where it changes the host");
        }
        Ok(parsed)
    }

    /// The origin every tile of this template is requested from.
    pub fn origin(&self) -> &TileOrigin {
        &self.origin
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    /// The URL of tile `(z, x, y)`.
    pub fn url(&self, z: u32, x: u32, y: u32) -> String {
        fill(&self.template, z, x, y)
    }

    /// The origin of a filled-in URL, parsed again from scratch.
    fn filled_origin(&self) -> Option<TileOrigin> {
        let url = self.url(1, 2, 3);
        if url.starts_with('/') && !url.starts_with("//") {
            return Some(TileOrigin::SameSite);
        }
        let rest = strip_prefix_ignore_case(&url, "https://")?;
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        authority(&rest[..end]).ok().map(TileOrigin::Https)
    }
}

/// `template` with `{z}`, `{x}` and `{y}` replaced.
pub fn fill(template: &str, z: u32, x: u32, y: u32) -> String {
    template
        .replace("{z}", &z.to_string())
        .replace("{x}", &x.to_string())
        .replace("{y}", &y.to_string())
}

/// An origin a publisher allows tiles from: `self` (paths on the page's own site) or
/// `https://host[:port]` (a trailing `/` is accepted; nothing else after the host).
///
/// # Examples
/// ```
/// use farmmap::basemap::tile_template::{parse_allowed_origin, TileOrigin};
/// assert_eq!(parse_allowed_origin("https://T.example/"), Ok(TileOrigin::Https("https://t.example".into())));
/// assert_eq!(parse_allowed_origin("self"), Ok(TileOrigin::SameSite));
/// assert!(parse_allowed_origin("http://t.example").is_err());
/// assert!(parse_allowed_origin("https://t.example/tiles").is_err());
/// ```
pub fn parse_allowed_origin(text: &str) -> Result<TileOrigin, TemplateError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("self") || text.eq_ignore_ascii_case("'self'") {
        return Ok(TileOrigin::SameSite);
    }
    let rest = strip_prefix_ignore_case(text, "https://")
        .ok_or("must be https://host (or self); plain http is refused")?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    authority(rest).map(TileOrigin::Https)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// `host[:port]` → `https://host[:port]` (lowercase, port 443 dropped), strictly.
fn authority(a: &str) -> Result<String, TemplateError> {
    let (host, port) = match a.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (a, None),
    };
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
        return Err("has a host that is not a plain name (letters, digits, dots and hyphens)");
    }
    let host = host.to_ascii_lowercase();
    match port {
        None => Ok(format!("https://{host}")),
        Some(p) => {
            let n: u16 = (!p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
                .filter(|&n| n > 0)
                .ok_or("has a port that is not a number from 1 to 65535")?;
            Ok(if n == 443 {
                format!("https://{host}")
            } else {
                format!("https://{host}:{n}")
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(t: &str) -> Result<TileOrigin, TemplateError> {
        TileTemplate::parse(t).map(|t| t.origin().clone())
    }

    #[test]
    fn https_templates_are_read_to_their_origin() {
        let https = |o: &str| Ok(TileOrigin::Https(o.into()));
        assert_eq!(
            origin("https://t.example/{z}/{x}/{y}.png"),
            https("https://t.example")
        );
        assert_eq!(
            origin("HTTPS://T.Example:8443/{z}/{x}/{y}"),
            https("https://t.example:8443")
        );
        assert_eq!(
            origin("https://t.example:443/a?z={z}&x={x}&y={y}"),
            https("https://t.example")
        );
        assert_eq!(origin("/tiles/{z}/{x}/{y}.png"), Ok(TileOrigin::SameSite));
        assert_eq!(origin("/t.png?z={z}&x={x}&y={y}"), Ok(TileOrigin::SameSite));
        let t = TileTemplate::parse("https://t.example/{z}/{x}/{y}.png?k={z}").unwrap();
        assert_eq!(t.url(5, 6, 7), "https://t.example/5/6/7.png?k=5");
    }

    #[test]
    fn tricks_a_browser_would_read_as_another_host_are_refused() {
        for t in [
            "/\\evil.example/{z}/{x}/{y}",
            "\\\\evil.example/{z}/{x}/{y}",
            "//evil.example/{z}/{x}/{y}",
            "///evil.example/{z}/{x}/{y}",
            "https://good.example@evil.example/{z}/{x}/{y}",
            "https://good.example:x@evil.example/{z}/{x}/{y}",
            "https://evil.example\\@good.example/{z}/{x}/{y}",
            "https:\\\\evil.example/{z}/{x}/{y}",
            "https:/evil.example/{z}/{x}/{y}",
            "https:evil.example/{z}/{x}/{y}",
            "http://good.example/{z}/{x}/{y}",
            "javascript:alert(1)//{z}{x}{y}",
            "data:image/png,{z}{x}{y}",
            "ftp://good.example/{z}/{x}/{y}",
            "https://good.exa\tmple/{z}/{x}/{y}",
            " https://good.example/{z}/{x}/{y}",
            "https://good.example%2f@evil.example/{z}/{x}/{y}",
            "https://{z}.evil.example/{x}/{y}",
            "https://good.example:{z}/{x}/{y}",
            "https://good.example{z}/{x}/{y}",
            "https://good.example?{z}/{x}/{y}",
            "https://good.example#/{z}/{x}/{y}",
            "https:///{z}/{x}/{y}",
            "https://[::1]/{z}/{x}/{y}",
            "https://good.example:0/{z}/{x}/{y}",
            "https://good.example:99999/{z}/{x}/{y}",
            "https://good.example/{z}/{x}",
            "https://good..example/{z}/{x}/{y}",
            "https://-good.example/{z}/{x}/{y}",
            "",
        ] {
            assert!(TileTemplate::parse(t).is_err(), "{t:?} was accepted");
        }
    }

    #[test]
    fn allowed_origins_are_https_origins_or_self() {
        assert_eq!(
            parse_allowed_origin(" https://a.example:443/ "),
            Ok(TileOrigin::Https("https://a.example".into()))
        );
        assert_eq!(parse_allowed_origin("'self'"), Ok(TileOrigin::SameSite));
        for bad in [
            "http://a.example",
            "https://a.example/x",
            "https://u@a.example",
            "a.example",
            "*",
            "https://*.example",
            "",
        ] {
            assert!(parse_allowed_origin(bad).is_err(), "{bad:?}");
        }
    }
}
