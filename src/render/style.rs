//! The page's measures as read from `style.json` (the same file the Typst template reads).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Style {
    pub page: Page,
    pub font: Font,
    pub size: Sizes,
    pub spacing: Spacing,
    pub header: HeaderStyle,
    pub signature_block: Columns,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Page {
    pub width_mm: f64,
    pub height_mm: f64,
    pub margin_top_mm: f64,
    pub margin_bottom_mm: f64,
    pub margin_left_mm: f64,
    pub margin_right_mm: f64,
    pub header_distance_mm: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Font {
    pub family: String,
    pub fallback: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Sizes {
    pub body: f64,
    pub quoc_hieu: f64,
    pub tieu_ngu: f64,
    pub parent: f64,
    pub agency: f64,
    pub number: f64,
    pub place_date: f64,
    pub doc_type: f64,
    pub title: f64,
    pub heading: f64,
    pub signature: f64,
    pub signer_name: f64,
    pub recipients_label: f64,
    pub recipients: f64,
    pub page_number: f64,
    pub appendix_label: f64,
    pub appendix_title: f64,
    pub appendix_reference: f64,
    pub table: f64,
    pub table_note: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Spacing {
    pub first_line_indent_mm: f64,
    pub para_before_pt: f64,
    pub line_spacing: f64,
    pub table_cell_pad_mm: f64,
    pub title_gap_before_pt: f64,
    pub title_gap_after_pt: f64,
    pub signature_gap_mm: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct HeaderStyle {
    pub left_mm: f64,
    pub right_mm: f64,
    pub rule_pt: f64,
    pub agency_rule_ratio: f64,
    pub title_rule_ratio: f64,
    pub title_rule_max_mm: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Columns {
    pub left_mm: f64,
    pub right_mm: f64,
}
