//! A reply as plain text for the terminal: what `briefbot ask` prints.

use crate::reply::Reply;

/// Renders a reply as text: title, underline, text, fields indented under their names, footer.
pub fn render(reply: &Reply) -> String {
    let mut out = String::new();
    if reply.is_error() {
        out.push_str("error: ");
    }
    out.push_str(&reply.title);
    out.push('\n');
    let underline = reply.title.chars().count() + if reply.is_error() { 7 } else { 0 };
    out.push_str(&"=".repeat(underline.min(72)));
    out.push('\n');
    if !reply.text.is_empty() {
        out.push_str(&reply.text);
        out.push('\n');
    }
    for field in &reply.fields {
        out.push('\n');
        out.push_str(&field.name);
        out.push('\n');
        for line in field.value.lines() {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str("  ");
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if reply.footer.is_some() || reply.url.is_some() {
        out.push('\n');
    }
    if let Some(footer) = &reply.footer {
        out.push_str("— ");
        out.push_str(footer);
        out.push('\n');
    }
    if let Some(url) = &reply.url {
        out.push_str("Source: ");
        out.push_str(url);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::Field;

    #[test]
    fn fields_are_indented_under_their_names() {
        let mut reply = Reply::info("Title", "Text");
        reply.fields.push(Field::new("Name", "one\ntwo"));
        reply.footer = Some("id · 2026-11-27".to_owned());
        assert_eq!(
            render(&reply),
            "Title\n=====\nText\n\nName\n  one\n  two\n\n— id · 2026-11-27\n"
        );
    }

    #[test]
    fn errors_say_so() {
        let reply = Reply::error("No briefing “x”", "Did you mean `y`?");
        assert!(render(&reply).starts_with("error: No briefing “x”\n"));
    }
}
