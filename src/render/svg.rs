//! Pages as SVG images (typst-svg), each with a text layer a browser can read.
//!
//! typst-svg draws glyphs as paths, so the picture alone has no text: a browser
//! cannot search or select it, a screen reader cannot read it. Each page here
//! also carries its text runs as transparent `<text>` elements placed over the
//! glyphs (as a PDF viewer's text layer), in the order Typst laid them out.

use typst_layout::{Page, PagedDocument};
use typst_library::layout::{Frame, FrameItem, Point, Transform};

/// Every page of a laid-out document as a standalone SVG document.
pub fn pages(doc: &PagedDocument) -> Vec<String> {
    doc.pages().iter().map(page).collect()
}

/// One page as SVG, units in points (the page's own size: A4 portrait or landscape).
pub fn page(page: &Page) -> String {
    let opts = typst_svg::SvgOptions::default();
    let mut svg = typst_svg::svg(page, &opts);
    let mut layer = String::from(r#"<g class="text-layer" fill="transparent" stroke="none" font-family="serif">"#);
    text_layer(&page.frame, Transform::identity(), &mut layer);
    layer.push_str("</g>");
    match svg.rfind("</svg>") {
        Some(end) => svg.insert_str(end, &layer),
        None => svg.push_str(&layer),
    }
    svg
}

fn text_layer(frame: &Frame, ts: Transform, out: &mut String) {
    collect(frame, ts, &mut |pos, size, width, text| {
        out.push_str(&format!(
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}" textLength="{:.2}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
            pos.x.to_pt(),
            pos.y.to_pt(),
            size,
            width.max(0.01),
            escape(text)
        ));
    });
}

/// Calls `f(origin, font size, width, text)` for every text run, in page coordinates (points).
fn collect(frame: &Frame, ts: Transform, f: &mut dyn FnMut(Point, f64, f64, &str)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(g) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(g.transform);
                collect(&g.frame, inner, f);
            }
            FrameItem::Text(t) if !t.text.trim().is_empty() => {
                let scale = ts.sx.get().abs().max(ts.sy.get().abs());
                f(pos.transform(ts), t.size.to_pt() * scale, t.width().to_pt() * scale, &t.text);
            }
            _ => {}
        }
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}
