//! A reply as Discord embeds, split into pages (messages) that honour every Discord limit.
//!
//! Pure and transport-neutral: the structures here name no serenity type; `src/discord`
//! converts them. The limits are Discord's (see DESIGN.md): title 256, description 4096,
//! 25 fields of name 256 and value 1024, footer 2048, at most 10 embeds a message and
//! 6000 characters across all embeds of one message. Text that does not fit one embed is
//! continued in the next, and in the next message after that, up to [`PAGES_MAX`] messages;
//! nothing is cut inside a grapheme, and a cut is marked with an ellipsis.

use crate::reply::{Reply, Tone};
use crate::text::truncate;

/// Embed title.
pub const TITLE_MAX: usize = 256;
/// Embed description.
pub const DESCRIPTION_MAX: usize = 4096;
/// Fields in one embed.
pub const FIELDS_MAX: usize = 25;
/// Field name.
pub const FIELD_NAME_MAX: usize = 256;
/// Field value.
pub const FIELD_VALUE_MAX: usize = 1024;
/// Footer text.
pub const FOOTER_MAX: usize = 2048;
/// Embeds in one message.
pub const EMBEDS_MAX: usize = 10;
/// Characters across all embeds of one message.
pub const MESSAGE_TOTAL_MAX: usize = 6000;
/// Messages one reply may take; past this the rest is left out and the footer says so.
pub const PAGES_MAX: usize = 5;
/// What a field whose text continues from the previous one is named.
pub const CONTINUED: &str = "(continued)";
/// Shown where Discord needs text but the reply has none (an empty field name or value).
const BLANK: &str = "\u{200b}";

/// One embed, as plain data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Embed {
    /// The headline; only the first embed of a page has one.
    pub title: Option<String>,
    /// The link of the title; only on the first embed, since Discord merges embeds sharing one.
    pub url: Option<String>,
    /// The main text.
    pub description: Option<String>,
    /// The side colour, `0xRRGGBB`.
    pub colour: u32,
    /// Named blocks.
    pub fields: Vec<EmbedField>,
    /// The closing line; only on the last embed of the last page.
    pub footer: Option<String>,
    /// The picture shown in the embed (`attachment://timeline.png`); only on the first embed
    /// of the first page, beside the file the message carries.
    pub image: Option<String>,
}

/// One embed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedField {
    /// The heading (never empty).
    pub name: String,
    /// The content (never empty).
    pub value: String,
    /// Whether Discord may show it beside its neighbours.
    pub inline: bool,
}

/// The embeds of one message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    /// One to ten embeds.
    pub embeds: Vec<Embed>,
}

impl Embed {
    /// The characters of this embed that count toward the 6000 limit.
    pub fn chars(&self) -> usize {
        let count = |text: &Option<String>| text.as_deref().map_or(0, |text| text.chars().count());
        count(&self.title)
            + count(&self.description)
            + count(&self.footer)
            + self
                .fields
                .iter()
                .map(|field| field.name.chars().count() + field.value.chars().count())
                .sum::<usize>()
    }
}

impl Page {
    /// The characters across all embeds of this message.
    pub fn chars(&self) -> usize {
        self.embeds.iter().map(Embed::chars).sum()
    }
}

/// The side colour for a tone.
pub fn colour(tone: Tone) -> u32 {
    match tone {
        Tone::Info => 0x2f6fde,
        Tone::Quote => 0x8a5cd8,
        Tone::Update => 0x1f9d6b,
        Tone::Error => 0xd64545,
    }
}

/// Renders a reply as one or more pages; the first is the answer, the rest follow it.
pub fn render(reply: &Reply) -> Vec<Page> {
    let title = truncate(&reply.title, TITLE_MAX);
    let footer = reply
        .footer
        .as_deref()
        .map(|footer| truncate(footer, FOOTER_MAX));
    // Every page may need the title (with a page number) and the footer (with the cut note):
    // keep room for both.
    let reserve = title.chars().count()
        + footer
            .as_deref()
            .map_or(0, |footer| footer.chars().count() + 3)
        + CUT_NOTE.chars().count();
    let mut packer = Packer::new(
        colour(reply.tone),
        MESSAGE_TOTAL_MAX - reserve - PAGE_SUFFIX_MAX,
    );
    for line in reply.text.lines() {
        packer.add_line(line);
    }
    for field in &reply.fields {
        packer.add_field(&field.name, &field.value, field.inline);
    }
    let mut pages = packer.finish(title, reply.url.clone(), footer);
    if let Some(picture) = &reply.picture {
        pages[0].embeds[0].image = Some(format!("attachment://{}", picture.file_name()));
    }
    pages
}

/// Added to the footer when the pages ran out.
const CUT_NOTE: &str = "Cut short: the rest does not fit in Discord.";

/// The longest page number a continued title gets, " (5/5)".
const PAGE_SUFFIX_MAX: usize = 6;

/// Fills embeds and pages in order, starting a new one when a limit would be crossed.
struct Packer {
    colour: u32,
    /// Characters a page may hold besides its title and the footer.
    budget: usize,
    pages: Vec<Page>,
    /// Characters used on the current page (title and footer excluded).
    used: usize,
    /// True once anything was left out because the pages ran out.
    cut: bool,
}

impl Packer {
    fn new(colour: u32, budget: usize) -> Self {
        Packer {
            colour,
            budget,
            pages: vec![Page {
                embeds: vec![Embed {
                    colour,
                    ..Embed::default()
                }],
            }],
            used: 0,
            cut: false,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("the packer always has a page")
    }

    fn embed(&mut self) -> &mut Embed {
        self.page()
            .embeds
            .last_mut()
            .expect("every page has an embed")
    }

    /// Room left on the current page.
    fn room(&self) -> usize {
        self.budget - self.used
    }

    /// Starts a new embed, on a new page if this one is full. False when the pages ran out.
    fn next_embed(&mut self) -> bool {
        if self.page().embeds.len() < EMBEDS_MAX && self.room() > 0 {
            let colour = self.colour;
            self.page().embeds.push(Embed {
                colour,
                ..Embed::default()
            });
            return true;
        }
        self.next_page()
    }

    fn next_page(&mut self) -> bool {
        if self.pages.len() >= PAGES_MAX {
            self.cut = true;
            return false;
        }
        let colour = self.colour;
        self.pages.push(Page {
            embeds: vec![Embed {
                colour,
                ..Embed::default()
            }],
        });
        self.used = 0;
        true
    }

    /// Appends one line of the reply's text to the current description, continuing in the
    /// next embed when it is full.
    fn add_line(&mut self, line: &str) {
        let mut rest = line;
        let mut first_piece = true;
        loop {
            if self.cut {
                return;
            }
            let current = self
                .embed()
                .description
                .as_deref()
                .map_or(0, |text| text.chars().count());
            if rest.is_empty() && current == 0 {
                // Discord rejects an empty description; a blank line only separates.
                return;
            }
            // An embed that already has fields takes no more text: the order must stay.
            let has_fields = !self.embed().fields.is_empty();
            let separator = usize::from(current > 0 && first_piece);
            let space = if has_fields {
                0
            } else {
                (DESCRIPTION_MAX - current).min(self.room())
            };
            let needed = separator + rest.chars().count();
            if needed <= space {
                let description = self.embed().description.get_or_insert_with(String::new);
                if separator == 1 {
                    description.push('\n');
                }
                description.push_str(rest);
                self.used += needed;
                return;
            }
            // A line longer than a whole embed is split; a shorter one moves on whole.
            let whole_embed = DESCRIPTION_MAX.min(self.budget);
            if rest.chars().count() > whole_embed && space > separator + 1 {
                let (head, tail) = split(rest, space - separator);
                let description = self.embed().description.get_or_insert_with(String::new);
                if separator == 1 {
                    description.push('\n');
                }
                description.push_str(head);
                self.used += separator + head.chars().count();
                rest = tail.trim_start();
            }
            first_piece = false;
            if !self.next_embed() {
                return;
            }
        }
    }

    /// Adds a field; a value longer than a field allows continues in `(continued)` fields.
    fn add_field(&mut self, name: &str, value: &str, inline: bool) {
        let mut name = truncate(name.trim(), FIELD_NAME_MAX);
        if name.is_empty() {
            name = BLANK.to_owned();
        }
        let mut rest = value.trim();
        if rest.is_empty() {
            rest = BLANK;
        }
        while !rest.is_empty() {
            if self.cut {
                return;
            }
            let name_chars = name.chars().count();
            // Keep at least a useful piece of the value with its name, or move on.
            let fits = |packer: &Packer| {
                packer.embed_ref().fields.len() < FIELDS_MAX
                    && packer.room()
                        >= name_chars + rest.chars().count().min(FIELD_VALUE_MAX).min(200)
            };
            if !fits(self) && !self.next_embed() {
                return;
            }
            if !fits(self) {
                // A fresh embed on a fresh page always fits a field; this one did not.
                if !self.next_page() {
                    return;
                }
            }
            let space = FIELD_VALUE_MAX.min(self.room() - name_chars);
            let (piece, tail) = if rest.chars().count() <= space {
                (rest, "")
            } else {
                split(rest, space)
            };
            self.used += name_chars + piece.chars().count();
            self.embed().fields.push(EmbedField {
                name: name.clone(),
                value: piece.to_owned(),
                inline,
            });
            rest = tail.trim_start();
            name = CONTINUED.to_owned();
        }
    }

    fn embed_ref(&self) -> &Embed {
        let page = self.pages.last().expect("the packer always has a page");
        page.embeds.last().expect("every page has an embed")
    }

    /// Titles every page, links the first embed, puts the footer last, drops empty embeds.
    fn finish(mut self, title: String, url: Option<String>, footer: Option<String>) -> Vec<Page> {
        for page in &mut self.pages {
            page.embeds
                .retain(|embed| embed.description.is_some() || !embed.fields.is_empty());
        }
        self.pages.retain(|page| !page.embeds.is_empty());
        if self.pages.is_empty() {
            self.pages.push(Page {
                embeds: vec![Embed {
                    colour: self.colour,
                    ..Embed::default()
                }],
            });
        }
        let count = self.pages.len();
        for (number, page) in self.pages.iter_mut().enumerate() {
            let first = &mut page.embeds[0];
            first.title = Some(if count == 1 {
                title.clone()
            } else {
                let suffix = format!(" ({}/{count})", number + 1);
                format!(
                    "{}{suffix}",
                    truncate(&title, TITLE_MAX - suffix.chars().count())
                )
            });
        }
        self.pages[0].embeds[0].url = url;
        let mut footer = footer;
        if self.cut {
            footer = Some(match footer {
                Some(footer) => truncate(&format!("{footer} · {CUT_NOTE}"), FOOTER_MAX),
                None => CUT_NOTE.to_owned(),
            });
        }
        if let Some(footer) = footer {
            let last_page = self.pages.last_mut().expect("at least one page");
            let last = last_page.embeds.last_mut().expect("at least one embed");
            last.footer = Some(footer);
            // The cut note may have lengthened the footer past the room kept for it.
            while last_page.chars() > MESSAGE_TOTAL_MAX {
                let over = last_page.chars() - MESSAGE_TOTAL_MAX;
                let last = last_page.embeds.last_mut().expect("at least one embed");
                let footer = last.footer.take().unwrap_or_default();
                let keep = footer.chars().count().saturating_sub(over);
                last.footer = Some(truncate(&footer, keep));
            }
        }
        self.pages
    }
}

/// Splits non-empty `text` so the head has at most `max` (≥ 1) characters and is not empty:
/// at the last line break or space in the second half of the allowance when there is one,
/// else at a grapheme boundary. The tail keeps the rest, leading whitespace included.
fn split(text: &str, max: usize) -> (&str, &str) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut end = 0;
    let mut chars = 0;
    for (offset, grapheme) in text.grapheme_indices(true) {
        let width = grapheme.chars().count();
        if chars + width > max {
            break;
        }
        chars += width;
        end = offset + grapheme.len();
    }
    if end == 0 {
        // One grapheme longer than the allowance (a pile of combining marks): only here is a
        // cluster cut, by code point, because nothing whole can fit.
        end = text
            .char_indices()
            .nth(max)
            .map_or(text.len(), |(offset, _)| offset);
    }
    let head = &text[..end];
    let half = head
        .char_indices()
        .nth(max / 2)
        .map_or(head.len(), |(offset, _)| offset);
    let at = head[half..]
        .rfind('\n')
        .or_else(|| head[half..].rfind(' '))
        .map(|offset| half + offset);
    match at {
        Some(at) if !head[..at].trim_end().is_empty() => (head[..at].trim_end(), &text[at..]),
        _ => (head, &text[end..]),
    }
}

#[cfg(test)]
mod tests;
