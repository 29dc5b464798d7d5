//! Small helpers over roxmltree for WordprocessingML: elements by local name
//! (transitional and strict namespaces alike), attributes by local name, on/off values.

use roxmltree::Node;

const W: [&str; 2] = ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"];

/// Whether `n` is the WordprocessingML element `name`.
pub fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns))
}

/// The element's local name when it is in the WordprocessingML namespace.
pub fn w_name<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    (n.is_element() && n.tag_name().namespace().is_some_and(|ns| W.contains(&ns))).then(|| n.tag_name().name())
}

/// An attribute by local name, whatever its prefix (`w:val`, `r:id`).
pub fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

pub fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

pub fn children<'a, 'i: 'a>(n: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| is(*c, name))
}

/// `w:val` of a child element.
pub fn val<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(n, name).and_then(|c| attr(c, "val"))
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`), if present.
pub fn on_off(n: Node, name: &str) -> Option<bool> {
    child(n, name).map(|c| !matches!(attr(c, "val"), Some("0" | "false" | "off" | "none")))
}

pub fn int(s: Option<&str>) -> Option<i64> {
    s.and_then(|v| v.trim().parse::<f64>().ok()).map(|v| v as i64)
}

/// Parses a part; DTDs are allowed (some generators write one), entities stay unexpanded.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(text, roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() })
}
