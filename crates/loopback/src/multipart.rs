//! Multipart uploads: a message with files arrives as `multipart/form-data`, its JSON in the
//! `payload_json` part and each file in a `files[N]` part, as Discord documents (and serenity
//! sends). The JSON is validated and routed like any other body; the files are recorded.

use std::convert::Infallible;

use hyper::body::Bytes;
use serde_json::Value;

use super::state::RecordedFile;

/// The boundary of a `multipart/form-data` content type, or `None` for any other body.
pub fn boundary(content_type: Option<&str>) -> Option<String> {
    multer::parse_boundary(content_type?).ok()
}

/// Splits a multipart body into its JSON payload and its files; a part that cannot be read is
/// reported as the error string, which the loopback records as a violation.
pub async fn split(boundary: String, body: Bytes) -> Result<(Value, Vec<RecordedFile>), String> {
    let stream = futures_util::stream::once(async move { Ok::<Bytes, Infallible>(body) });
    let mut form = multer::Multipart::new(stream, boundary);
    let mut payload = Value::Null;
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|error| error.to_string())? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.map_err(|error| error.to_string())?;
        if name == "payload_json" {
            payload = serde_json::from_slice(&bytes)
                .map_err(|error| format!("payload_json is not JSON: {error}"))?;
        } else {
            files.push(RecordedFile {
                field: name,
                file_name,
                content_type,
                bytes: bytes.to_vec(),
            });
        }
    }
    Ok((payload, files))
}
