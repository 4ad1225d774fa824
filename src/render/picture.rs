//! A reply's picture as PNG bytes: the timeline drawn on a vertical time axis. Pure: data in,
//! bytes out; Discord only uploads them and the CLI only writes them.
//!
//! The axis runs top to bottom, oldest first, one group of rows a year, so labels never
//! overlap: each event is a row of its own, its text wrapped to at most two lines. Years
//! without events are elided (the axis breaks and says how many years it skips); a year with
//! more events than the picture labels says how many it leaves out. The background is opaque
//! and the text dark on light, so it reads the same on Discord's light and dark themes, and
//! the font is embedded (DejaVu Sans, `assets/fonts`), so it renders the same everywhere.

use std::collections::HashMap;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont, point};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

use crate::reply::{Picture, TimelinePicture};

/// The picture's width: Discord shows it full size when opened and scaled in the embed.
pub const WIDTH: u32 = 1200;

/// DejaVu Sans 2.37 (Bitstream Vera licence, `assets/fonts/DejaVuSans-LICENSE.txt`): every
/// Latin and Cyrillic letter a briefing may hold, and typographic quotes and dashes.
const FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

const MARGIN: f32 = 48.0;
const AXIS_X: f32 = 168.0;
const DATE_X: f32 = 196.0;
const TEXT_X: f32 = 318.0;
const TITLE_SIZE: f32 = 34.0;
const NOTE_SIZE: f32 = 19.0;
const YEAR_SIZE: f32 = 26.0;
const TEXT_SIZE: f32 = 20.0;
const LINE: f32 = 27.0;
const ROW_GAP: f32 = 12.0;
const YEAR_GAP: f32 = 22.0;
/// An event's text is wrapped to at most this many lines, the last ending in "…" if cut (the
/// embed beside the picture has the whole text).
const LINES_MAX: usize = 2;
/// Every picture is at least this tall, so a story of one event is not a sliver.
const HEIGHT_MIN: f32 = 320.0;
/// Nothing is drawn past this height; the picture says what it left out.
const HEIGHT_MAX: f32 = 4000.0;

const BACKGROUND: Rgb = Rgb(0xFB, 0xFC, 0xFE);
const BORDER: Rgb = Rgb(0xC9, 0xD2, 0xE0);
const INK: Rgb = Rgb(0x17, 0x1E, 0x2B);
const MUTED: Rgb = Rgb(0x52, 0x5C, 0x6B);
const ACCENT: Rgb = Rgb(0x2F, 0x6F, 0xDE);
const BAND: Rgb = Rgb(0xEA, 0xF0, 0xFB);

/// Why no picture could be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// The embedded font did not parse (a broken build, never user input).
    #[error("the embedded font cannot be read")]
    Font,
    /// The pixmap could not be allocated.
    #[error("cannot allocate a {0}×{1} picture")]
    Size(u32, u32),
    /// PNG encoding failed.
    #[error("cannot encode the picture as PNG: {0}")]
    Encode(String),
}

#[derive(Clone, Copy)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn color(self) -> Color {
        Color::from_rgba8(self.0, self.1, self.2, 255)
    }
}

/// The picture as PNG bytes.
pub fn png(picture: &Picture) -> Result<Vec<u8>, PictureError> {
    match picture {
        Picture::Timeline(timeline) => timeline_png(timeline),
    }
}

/// One thing to draw, placed: the layout is worked out first, so the height is known before
/// a pixel is drawn.
enum Item {
    /// A year's label beside the axis, and its tinted band when it is dense.
    Year {
        year: u16,
        top: f32,
        bottom: f32,
        dense: bool,
    },
    /// An event: a dot on the axis, the date, the wrapped text.
    Event {
        top: f32,
        date: String,
        lines: Vec<String>,
    },
    /// A line of muted text in the text column (events left out, years skipped).
    Note { top: f32, text: String },
    /// A break in the axis where years without events are elided.
    Break { top: f32, bottom: f32 },
}

fn timeline_png(timeline: &TimelinePicture) -> Result<Vec<u8>, PictureError> {
    let font = FontRef::try_from_slice(FONT).map_err(|_| PictureError::Font)?;
    let text_width = WIDTH as f32 - MARGIN - TEXT_X;
    let mut items = Vec::new();
    let mut y = MARGIN + TITLE_SIZE + 14.0 + NOTE_SIZE + 30.0;
    let axis_top = y - 10.0;
    let mut previous: Option<u16> = None;
    let mut cut_at: Option<usize> = None;
    for (index, year) in timeline.years.iter().enumerate() {
        if y > HEIGHT_MAX - MARGIN - 3.0 * LINE {
            cut_at = Some(index);
            break;
        }
        if let Some(previous) = previous {
            let skipped = year.year.saturating_sub(previous).saturating_sub(1);
            if skipped > 0 {
                let top = y;
                items.push(Item::Note {
                    top: y,
                    text: match skipped {
                        1 => format!("{}: no events", previous + 1),
                        _ => format!("{}–{}: no events", previous + 1, year.year - 1),
                    },
                });
                y += LINE + 4.0;
                items.push(Item::Break { top, bottom: y });
                y += YEAR_GAP / 2.0;
            } else {
                y += YEAR_GAP;
            }
        }
        previous = Some(year.year);
        let top = y;
        let labelled: Vec<_> = timeline
            .events
            .iter()
            .filter(|event| event.year == year.year)
            .collect();
        for event in &labelled {
            let lines = wrap(&font, TEXT_SIZE, &event.text, text_width);
            let height = lines.len() as f32 * LINE;
            items.push(Item::Event {
                top: y,
                date: day_and_month(&event.date),
                lines,
            });
            y += height + ROW_GAP;
        }
        let left_out = year.events.saturating_sub(labelled.len());
        if left_out > 0 {
            items.push(Item::Note {
                top: y,
                text: if labelled.is_empty() {
                    events_count(year.events)
                } else {
                    format!("and {} more this year", events_count(left_out))
                },
            });
            y += LINE + ROW_GAP;
        }
        items.push(Item::Year {
            year: year.year,
            top,
            bottom: y - ROW_GAP,
            dense: year.events >= 3,
        });
    }
    if let Some(index) = cut_at {
        let rest: usize = timeline.years[index..].iter().map(|year| year.events).sum();
        items.push(Item::Note {
            top: y + YEAR_GAP,
            text: format!(
                "{} from {} on are left out of this picture.",
                events_count(rest),
                timeline.years[index].year
            ),
        });
        y += YEAR_GAP + LINE;
    }
    let height = (y + MARGIN).clamp(HEIGHT_MIN, HEIGHT_MAX).ceil() as u32;
    let mut canvas = Canvas::new(WIDTH, height, font)?;
    canvas.fill_rect(0.0, 0.0, WIDTH as f32, height as f32, BACKGROUND);
    canvas.stroke_rect(
        1.0,
        1.0,
        WIDTH as f32 - 2.0,
        height as f32 - 2.0,
        BORDER,
        2.0,
    );
    canvas.text(
        MARGIN,
        MARGIN + TITLE_SIZE,
        TITLE_SIZE,
        &timeline.title,
        INK,
    );
    canvas.text(
        MARGIN,
        MARGIN + TITLE_SIZE + 14.0 + NOTE_SIZE,
        NOTE_SIZE,
        &subtitle(timeline),
        MUTED,
    );
    // Bands first, so the axis, dots and text lie on top of them.
    for item in &items {
        if let Item::Year {
            top, bottom, dense, ..
        } = item
        {
            if *dense {
                canvas.fill_rect(
                    MARGIN - 12.0,
                    top - 8.0,
                    WIDTH as f32 - 2.0 * MARGIN + 24.0,
                    bottom - top + 16.0,
                    BAND,
                );
            }
        }
    }
    let axis_bottom = (y - ROW_GAP).max(axis_top);
    canvas.line(AXIS_X, axis_top, AXIS_X, axis_bottom, ACCENT, 3.0);
    for item in &items {
        match item {
            Item::Year { year, top, .. } => {
                let label = year.to_string();
                let width = canvas.measure(YEAR_SIZE, &label);
                canvas.text(
                    AXIS_X - 22.0 - width,
                    top + YEAR_SIZE - 4.0,
                    YEAR_SIZE,
                    &label,
                    INK,
                );
            }
            Item::Event { top, date, lines } => {
                canvas.dot(AXIS_X, top + LINE / 2.0 - 2.0, 7.0, ACCENT);
                canvas.text(DATE_X, top + TEXT_SIZE, TEXT_SIZE, date, MUTED);
                for (number, line) in lines.iter().enumerate() {
                    let baseline = top + TEXT_SIZE + number as f32 * LINE;
                    canvas.text(TEXT_X, baseline, TEXT_SIZE, line, INK);
                }
            }
            Item::Note { top, text } => {
                canvas.text(TEXT_X, top + NOTE_SIZE, NOTE_SIZE, text, MUTED);
            }
            Item::Break { top, bottom } => {
                // The axis is interrupted by a gap with two slanted strokes across it.
                canvas.fill_rect(
                    AXIS_X - 6.0,
                    top + 2.0,
                    12.0,
                    bottom - top - 4.0,
                    BACKGROUND,
                );
                for offset in [top + 4.0, bottom - 10.0] {
                    canvas.line(
                        AXIS_X - 10.0,
                        offset + 6.0,
                        AXIS_X + 10.0,
                        offset,
                        MUTED,
                        2.0,
                    );
                }
            }
        }
    }
    canvas.encode()
}

fn subtitle(timeline: &TimelinePicture) -> String {
    let total: usize = timeline.years.iter().map(|year| year.events).sum();
    match (timeline.years.first(), timeline.years.last()) {
        (Some(first), Some(last)) if first.year != last.year => format!(
            "{}, {}–{}, oldest first",
            events_count(total),
            first.year,
            last.year
        ),
        (Some(only), _) => format!("{} in {}", events_count(total), only.year),
        _ => "No dated events yet".to_owned(),
    }
}

/// "2019-12-07" as "7 Dec": the year is on the axis already.
fn day_and_month(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = date.get(5..7).and_then(|month| month.parse::<usize>().ok());
    let day = date.get(8..10).and_then(|day| day.parse::<u8>().ok());
    match (
        month.and_then(|month| MONTHS.get(month.wrapping_sub(1))),
        day,
    ) {
        (Some(month), Some(day)) => format!("{day} {month}"),
        _ => date.to_owned(),
    }
}

fn events_count(count: usize) -> String {
    match count {
        1 => "1 event".to_owned(),
        many => format!("{many} events"),
    }
}

/// `text` wrapped at spaces into lines at most `width` pixels wide, at most [`LINES_MAX`];
/// the last line ends in "…" when text was left out. A word wider than a line is cut.
fn wrap(font: &FontRef<'_>, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut cut = false;
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if measure(font, size, &candidate) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == LINES_MAX {
            cut = true;
            break;
        }
        current = word.to_owned();
    }
    if !current.is_empty() {
        if lines.len() == LINES_MAX {
            cut = true;
        } else {
            lines.push(current);
        }
    }
    for line in &mut lines {
        // A single word wider than the column: cut it rather than overflow.
        while measure(font, size, line) > width && line.pop().is_some() {}
    }
    if cut {
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && measure(font, size, &format!("{last}…")) > width {
                last.pop();
            }
            let kept = last.trim_end().len();
            last.truncate(kept);
            last.push('…');
        }
    }
    lines
}

/// The advance width of `text` in pixels, kerning included.
fn measure(font: &FontRef<'_>, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = scaled.glyph_id(c);
        if let Some(previous) = previous {
            width += scaled.kern(previous, glyph);
        }
        width += scaled.h_advance(glyph);
        previous = Some(glyph);
    }
    width
}

/// A glyph's coverage at the origin, or `None` for one without an outline (a space).
fn rasterise(font: &FontRef<'_>, id: GlyphId, scale: PxScale) -> Option<Coverage> {
    let outline = font.outline_glyph(id.with_scale_and_position(scale, point(0.0, 0.0)))?;
    let bounds = outline.px_bounds();
    let width = bounds.width() as usize;
    let mut alpha = vec![0u8; width * bounds.height() as usize];
    outline.draw(|x, y, coverage| {
        if let Some(cell) = alpha.get_mut(y as usize * width + x as usize) {
            *cell = (coverage.clamp(0.0, 1.0) * 255.0).round() as u8;
        }
    });
    Some(Coverage {
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        width,
        alpha,
    })
}

/// Blends a glyph's coverage in `colour` over the opaque pixels under it.
fn blend(pixmap: &mut Pixmap, coverage: &Coverage, x: i32, y: i32, colour: Rgb) {
    let (width, height) = (pixmap.width() as i32, pixmap.height() as i32);
    let data = pixmap.data_mut();
    let over = [colour.0, colour.1, colour.2];
    for (row, alphas) in coverage
        .alpha
        .chunks_exact(coverage.width.max(1))
        .enumerate()
    {
        let py = y + coverage.top + row as i32;
        if py < 0 || py >= height {
            continue;
        }
        for (column, &alpha) in alphas.iter().enumerate() {
            let px = x + coverage.left + column as i32;
            if alpha == 0 || px < 0 || px >= width {
                continue;
            }
            let at = ((py * width + px) * 4) as usize;
            let alpha = u32::from(alpha);
            for channel in 0..3 {
                let under = u32::from(data[at + channel]);
                data[at + channel] =
                    ((under * (255 - alpha) + u32::from(over[channel]) * alpha + 127) / 255) as u8;
            }
        }
    }
}

/// A pixmap with the few drawing operations the picture needs.
struct Canvas<'f> {
    pixmap: Pixmap,
    font: FontRef<'f>,
    /// Each glyph's coverage, rasterised once per size: a picture draws a few thousand glyphs
    /// but only a hundred or so distinct ones.
    glyphs: HashMap<(GlyphId, u32), Option<Coverage>>,
}

/// A rasterised glyph: its offset from the pen position and its coverage, row by row.
struct Coverage {
    left: i32,
    top: i32,
    width: usize,
    alpha: Vec<u8>,
}

impl<'f> Canvas<'f> {
    fn new(width: u32, height: u32, font: FontRef<'f>) -> Result<Self, PictureError> {
        let pixmap = Pixmap::new(width, height).ok_or(PictureError::Size(width, height))?;
        Ok(Self {
            pixmap,
            font,
            glyphs: HashMap::new(),
        })
    }

    fn paint(colour: Rgb) -> Paint<'static> {
        let mut paint = Paint::default();
        paint.set_color(colour.color());
        paint.anti_alias = true;
        paint
    }

    fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32, colour: Rgb) {
        if let Some(rect) = Rect::from_xywh(x, y, width, height) {
            self.pixmap
                .fill_rect(rect, &Self::paint(colour), Transform::identity(), None);
        }
    }

    fn stroke_rect(&mut self, x: f32, y: f32, width: f32, height: f32, colour: Rgb, line: f32) {
        if let Some(rect) = Rect::from_xywh(x, y, width, height) {
            self.stroke(&PathBuilder::from_rect(rect), colour, line);
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, colour: Rgb, width: f32) {
        let mut builder = PathBuilder::new();
        builder.move_to(x1, y1);
        builder.line_to(x2, y2);
        if let Some(path) = builder.finish() {
            self.stroke(&path, colour, width);
        }
    }

    fn stroke(&mut self, path: &tiny_skia::Path, colour: Rgb, width: f32) {
        let stroke = Stroke {
            width,
            ..Stroke::default()
        };
        self.pixmap.stroke_path(
            path,
            &Self::paint(colour),
            &stroke,
            Transform::identity(),
            None,
        );
    }

    fn dot(&mut self, x: f32, y: f32, radius: f32, colour: Rgb) {
        if let Some(path) = PathBuilder::from_circle(x, y, radius) {
            self.pixmap.fill_path(
                &path,
                &Self::paint(colour),
                FillRule::Winding,
                Transform::identity(),
                None,
            );
        }
    }

    fn measure(&self, size: f32, text: &str) -> f32 {
        measure(&self.font, size, text)
    }

    /// Draws `text` with its baseline at `y`, blending each glyph's coverage over the opaque
    /// background. Glyphs sit on whole pixels, which at these sizes reads the same.
    fn text(&mut self, x: f32, y: f32, size: f32, text: &str, colour: Rgb) {
        let scale = PxScale::from(size);
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let (id, advance, kern) = {
                let scaled = self.font.as_scaled(scale);
                let id = scaled.glyph_id(c);
                let kern = previous.map_or(0.0, |previous| scaled.kern(previous, id));
                (id, scaled.h_advance(id), kern)
            };
            caret += kern;
            let (pen_x, pen_y) = (caret.round() as i32, y.round() as i32);
            caret += advance;
            previous = Some(id);
            let font = &self.font;
            let coverage = self
                .glyphs
                .entry((id, size.to_bits()))
                .or_insert_with(|| rasterise(font, id, scale));
            if let Some(coverage) = coverage {
                blend(&mut self.pixmap, coverage, pen_x, pen_y, colour);
            }
        }
    }

    /// The pixmap as an 8-bit RGBA PNG. Every pixel is opaque (the background is), so the
    /// premultiplied pixels are the plain ones and go to the encoder as they are.
    fn encode(self) -> Result<Vec<u8>, PictureError> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.pixmap.width(), self.pixmap.height());
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let encode = |error: png::EncodingError| PictureError::Encode(error.to_string());
        let mut writer = encoder.write_header().map_err(encode)?;
        writer
            .write_image_data(self.pixmap.data())
            .map_err(encode)?;
        writer.finish().map_err(encode)?;
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_a_cut_is_marked() {
        let font = FontRef::try_from_slice(FONT).unwrap();
        let text = "word ".repeat(200);
        let lines = wrap(&font, TEXT_SIZE, &text, 400.0);
        assert_eq!(lines.len(), LINES_MAX);
        assert!(
            lines
                .iter()
                .all(|line| measure(&font, TEXT_SIZE, line) <= 400.0)
        );
        assert!(lines[LINES_MAX - 1].ends_with('…'));
        assert_eq!(wrap(&font, TEXT_SIZE, "short text", 400.0), ["short text"]);
        assert_eq!(day_and_month("2019-12-07"), "7 Dec");
        let long_word = "x".repeat(300);
        let lines = wrap(&font, TEXT_SIZE, &long_word, 400.0);
        assert!(
            lines
                .iter()
                .all(|line| measure(&font, TEXT_SIZE, line) <= 400.0)
        );
    }
}
