//! The story file's saved network layout, `{"positions": {"node id": [x, y]}}`: read into
//! positions by id (which the app places in the network view) and written back from them.
//! Positions are keyed by node id, so a story stays valid when nodes are added or
//! reordered.

use crate::json::{Map, Value};

/// A `layout` object, read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SavedLayout {
    /// Node id and layout (x, y), in the object's order.
    pub positions: Vec<(String, [f64; 2])>,
    /// Entries that are not `[x, y]` with two finite numbers (skipped), naming the id.
    pub warnings: Vec<String>,
}

/// Read a `layout` object; `Err` when it is not `{"positions": {…}}` at all.
///
/// # Examples
/// ```
/// use farmmap::story::layout::parse;
/// let json = |text| farmmap::json::parse(text).unwrap();
/// let l = parse(&json(r#"{"positions": {"a": [1, 2.5], "b": [1, "x"]}}"#)).unwrap();
/// assert_eq!(l.positions, vec![("a".to_string(), [1.0, 2.5])]);
/// assert_eq!(l.warnings.len(), 1);
/// assert!(parse(&json("[1, 2]")).is_err());
/// ```
pub fn parse(layout: &Value) -> Result<SavedLayout, String> {
    let positions = layout
        .get("positions")
        .and_then(Value::as_object)
        .ok_or("must be {\"positions\": {\"node id\": [x, y], …}}")?;
    let mut out = SavedLayout::default();
    for (id, v) in positions {
        let pair = v.as_array().and_then(|a| match a.as_slice() {
            [x, y] => Some((x.as_f64()?, y.as_f64()?)),
            _ => None,
        });
        match pair.filter(|(x, y)| x.is_finite() && y.is_finite()) {
            Some((x, y)) => out.positions.push((id.clone(), [x, y])),
            None => out.warnings.push(format!(
                "position of \"{id}\" must be [x, y] with two numbers"
            )),
        }
    }
    Ok(out)
}

/// The `layout` object of these positions, each rounded to four decimals (layouts span
/// tens of units, so this is far below a pixel and keeps the story file readable).
///
/// # Examples
/// ```
/// let v = farmmap::story::layout::to_json(&[("a".into(), [1.23456, -2.0])]);
/// assert_eq!(v.to_string(), r#"{"positions":{"a":[1.2346,-2.0]}}"#);
/// ```
pub fn to_json(positions: &[(String, [f64; 2])]) -> Value {
    let positions: Map = positions
        .iter()
        .map(|(id, [x, y])| {
            let pair = vec![Value::from(round4(*x)), Value::from(round4(*y))];
            (id.clone(), Value::Array(pair))
        })
        .collect();
    let mut out = Map::new();
    out.insert("positions".into(), Value::Object(positions));
    Value::Object(out)
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}
