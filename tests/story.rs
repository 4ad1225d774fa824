//! The story across briefings, as users meet it: an actor's dossier, a speaker's quotes across
//! the story, suggestions for what people mistype, and the timeline as a picture — in the
//! terminal (`briefbot ask`), through the library, and in Discord through the loopback.
//!
//! Everything here answers from the shipped `briefings/`, which travel with the repository.

mod support;

#[path = "story/cli.rs"]
mod cli;
#[path = "story/discord.rs"]
mod discord;
#[path = "story/library.rs"]
mod library;

use std::path::{Path, PathBuf};

/// The shipped briefings folder.
fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")
}

/// Decodes a PNG, failing the test when the bytes are not one: (width, height, pixels).
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("the bytes are a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let frame = reader.next_frame(&mut pixels).expect("a whole frame");
    pixels.truncate(frame.buffer_size());
    (frame.width, frame.height, pixels)
}
