//! The bundled fonts (Liberation Serif 2.1.5, Times New Roman's metrics, full Vietnamese)
//! and text measurement with them, for renderers that must size rules to text.

/// Regular, Bold, Italic, Bold Italic.
pub const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// Width of `text` set at `size_pt`, in points (advances only; Times New Roman has the same).
pub fn text_width_pt(text: &str, size_pt: f64, bold: bool) -> f64 {
    let Some(face) = &faces()[usize::from(bold)] else {
        return 0.0;
    };
    let units: f64 = text.chars().map(|c| face.advance(c)).sum();
    units / face.upem * size_pt
}

/// Characters below this have their advance in a table: Latin, Vietnamese (U+1EA0–U+1EF9),
/// punctuation. Fitting a batch's tables measures every cell of every plan, and a lookup in
/// the font's cmap for each character was 5% of a batch's time.
const TABLE_CHARS: usize = 0x2100;

/// One face's advances, in font units.
struct Advances {
    upem: f64,
    table: Vec<f64>,
    face: ttf_parser::Face<'static>,
}

impl Advances {
    fn new(face: ttf_parser::Face<'static>) -> Advances {
        let upem = f64::from(face.units_per_em());
        let table = (0..TABLE_CHARS as u32).map(|u| char::from_u32(u).map_or(upem / 2.0, |c| Self::lookup(&face, c, upem))).collect();
        Advances { upem, table, face }
    }

    fn lookup(face: &ttf_parser::Face, c: char, upem: f64) -> f64 {
        face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map(f64::from).unwrap_or(upem / 2.0)
    }

    fn advance(&self, c: char) -> f64 {
        match self.table.get(c as usize) {
            Some(a) => *a,
            None => Self::lookup(&self.face, c, self.upem),
        }
    }
}

/// Regular and Bold, parsed once (5 ms a plan when each measurement parsed the font again).
fn faces() -> &'static [Option<Advances>; 2] {
    static FACES: std::sync::OnceLock<[Option<Advances>; 2]> = std::sync::OnceLock::new();
    FACES.get_or_init(|| [0, 1].map(|i| ttf_parser::Face::parse(BUNDLED[i], 0).ok().map(Advances::new)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn motto_width_matches_the_pdf() {
        // "Độc lập - Tự do - Hạnh phúc" at 14 pt bold measures 60.4 mm in the rendered PDF.
        let mm = super::text_width_pt("Độc lập - Tự do - Hạnh phúc", 14.0, true) * 25.4 / 72.0;
        assert!((mm - 60.4).abs() < 0.5, "{mm}");
    }

    #[test]
    fn the_table_of_advances_agrees_with_the_font() {
        // Beyond the table (an arrow, a CJK character) the font is asked directly.
        for text in ["Đơn vị chủ trì", "Thời gian thực hiện", "≥ 55 %", "→", "\u{4e2d}"] {
            for bold in [false, true] {
                let face = ttf_parser::Face::parse(super::BUNDLED[usize::from(bold)], 0).unwrap();
                let upem = f64::from(face.units_per_em());
                let want: f64 =
                    text.chars().map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map(f64::from).unwrap_or(upem / 2.0)).sum::<f64>() / upem
                        * 12.0;
                assert_eq!(super::text_width_pt(text, 12.0, bold), want, "{text}");
            }
        }
    }
}
