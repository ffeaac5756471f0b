//! The tile rule: a story may ask for a raster tile layer, but only the publisher decides
//! where tiles may come from. A story's template is parsed
//! ([`TileTemplate`]) and drawn only when its
//! origin is exactly one the page allows (`allow-tiles` / `farmmap-allow-tiles`, passed in by
//! `FarmMap.setAllowedTileOrigins`); with no list, no tile is ever requested.

use crate::basemap::tile_template::{parse_allowed_origin, TileOrigin, TileTemplate};
use crate::basemap::TileLayer;
use crate::json::Quoted;

/// The origins a publisher allows, parsed; refused entries come back as sentences.
///
/// # Examples
/// ```
/// use farmmap::app::tile_rule::parse_allowed;
/// let (ok, refused) = parse_allowed(&["https://t.example".into(), "http://x.example".into()]);
/// assert_eq!(ok.len(), 1);
/// assert!(refused[0].starts_with("\"http://x.example\" must be https://"));
/// ```
pub fn parse_allowed(origins: &[String]) -> (Vec<TileOrigin>, Vec<String>) {
    let mut ok = Vec::new();
    let mut refused = Vec::new();
    for o in origins.iter().filter(|o| !o.trim().is_empty()) {
        match parse_allowed_origin(o) {
            Ok(origin) if !ok.contains(&origin) => ok.push(origin),
            Ok(_) => {}
            Err(why) => refused.push(format!("{} {why}", Quoted(o.trim()))),
        }
    }
    (ok, refused)
}

/// Whether `layer` may be drawn on a page allowing `allowed`: `Err` is the sentence saying
/// why not (its subject is the template, quoted).
///
/// # Examples
/// ```
/// use farmmap::app::tile_rule::{check, parse_allowed};
/// use farmmap::basemap::TileLayer;
/// let layer = |url: &str| TileLayer { url: url.into(), attribution: "© T".into(), max_zoom: 18 };
/// let (allowed, _) = parse_allowed(&["https://tiles.example".into()]);
/// assert!(check(&layer("https://tiles.example/{z}/{x}/{y}.png"), &allowed).is_ok());
/// assert!(check(&layer("https://evil.example/{z}/{x}/{y}.png"), &allowed).is_err());
/// assert!(check(&layer("https://tiles.example/{z}/{x}/{y}.png"), &[]).is_err());
/// ```
pub fn check(layer: &TileLayer, allowed: &[TileOrigin]) -> Result<(), String> {
    let template =
        TileTemplate::parse(&layer.url).map_err(|why| format!("{} {why}", Quoted(&layer.url)))?;
    if allowed.contains(template.origin()) {
        return Ok(());
    }
    let list = if allowed.is_empty() {
        "this page allows tiles from no server".to_string()
    } else {
        let names: Vec<String> = allowed.iter().map(ToString::to_string).collect();
        format!("this page allows tiles only from {}", names.join(", "))
    };
    let asked = match template.origin() {
        TileOrigin::SameSite => "this site (self)".to_string(),
        TileOrigin::Https(o) => o.clone(),
    };
    Err(format!(
        "{} asks for tiles from {asked}, but {list} (the publisher lists tile servers in allow-tiles)",
        Quoted(&layer.url)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(url: &str) -> TileLayer {
        TileLayer {
            url: url.into(),
            attribution: "© T".into(),
            max_zoom: 18,
        }
    }

    #[test]
    fn only_an_exactly_allowed_origin_is_drawn() {
        let (allowed, refused) = parse_allowed(&[
            "https://tiles.example".into(),
            "https://b.example:8443/".into(),
            "self".into(),
            "http://plain.example".into(),
            "  ".into(),
        ]);
        assert_eq!(allowed.len(), 3);
        assert_eq!(refused.len(), 1);
        for ok in [
            "https://tiles.example/{z}/{x}/{y}.png",
            "https://TILES.example:443/{z}/{x}/{y}.png",
            "https://b.example:8443/t/{z}/{x}/{y}",
            "/examples/tiles/t.png?z={z}&x={x}&y={y}",
        ] {
            assert!(check(&layer(ok), &allowed).is_ok(), "{ok}");
        }
        for bad in [
            "https://tiles.example.evil.example/{z}/{x}/{y}",
            "https://tiles.example:444/{z}/{x}/{y}",
            "https://b.example/{z}/{x}/{y}",
            "http://tiles.example/{z}/{x}/{y}",
            "//tiles.example/{z}/{x}/{y}",
            "/\\evil.example/{z}/{x}/{y}",
            "https://tiles.example@evil.example/{z}/{x}/{y}",
            "https://evil.example/{z}/{x}/{y}",
        ] {
            let e = check(&layer(bad), &allowed).unwrap_err();
            assert!(e.starts_with(&format!("{bad:?} ")), "{e}");
        }
    }

    #[test]
    fn without_a_list_nothing_is_drawn_not_even_this_site() {
        let e = check(&layer("/t/{z}/{x}/{y}.png"), &[]).unwrap_err();
        assert!(
            e.contains(
                "asks for tiles from this site (self), but this page allows tiles from no server"
            ),
            "{e}"
        );
        let e = check(&layer("https://t.example/{z}/{x}/{y}.png"), &[]).unwrap_err();
        assert!(e.contains("allow-tiles"), "{e}");
    }
}
