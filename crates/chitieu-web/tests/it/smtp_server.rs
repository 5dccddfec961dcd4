//! A small SMTP server for tests: listens on 127.0.0.1, speaks EHLO/HELO, MAIL FROM, RCPT TO,
//! DATA, RSET, NOOP and QUIT, and records every accepted message (its envelope and its
//! text); it can be told to refuse messages with a temporary error. Messages are decoded
//! (base64 and quoted-printable bodies, RFC 2047 subjects) so tests read what people read.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One accepted message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent, headers and encoded body.
    pub data: String,
}

#[derive(Debug, Default)]
struct Shared {
    received: Vec<Received>,
    refusing: bool,
    conversations: usize,
}

/// The running server; it stops with the test's runtime.
#[derive(Debug, Clone)]
pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpServer {
    pub async fn start() -> SmtpServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the test SMTP server");
        let port = listener.local_addr().expect("address").port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let server = SmtpServer { port, shared: shared.clone() };
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                shared.lock().expect("lock").conversations += 1;
                tokio::spawn(converse(stream, shared.clone()));
            }
        });
        server
    }

    /// Every message accepted so far, and forgets them.
    pub fn take(&self) -> Vec<Received> {
        std::mem::take(&mut self.shared.lock().expect("lock").received)
    }

    /// Refuse (451, try later) every message from now on, or accept them again.
    pub fn refuse(&self, refusing: bool) {
        self.shared.lock().expect("lock").refusing = refusing;
    }

    /// How many connections clients opened.
    pub fn conversations(&self) -> usize {
        self.shared.lock().expect("lock").conversations
    }
}

/// The address inside `<…>` of a MAIL FROM or RCPT TO line.
fn address(line: &str) -> String {
    line.split_once('<').and_then(|(_, rest)| rest.split_once('>')).map_or_else(String::new, |(a, _)| a.to_owned())
}

async fn converse(stream: TcpStream, shared: Arc<Mutex<Shared>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 localhost ESMTP chitieu-test\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command.split([' ', ':']).next().unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-localhost\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 PIPELINING\r\n",
            "HELO" | "NOOP" => b"250 OK\r\n",
            "MAIL" => {
                (from, to) = (address(&command), Vec::new());
                b"250 OK\r\n"
            }
            "RCPT" => {
                to.push(address(&command));
                b"250 OK\r\n"
            }
            "RSET" => {
                (from, to) = (String::new(), Vec::new());
                b"250 OK\r\n"
            }
            "DATA" => {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line)); // dot-stuffing
                }
                let mut shared = shared.lock().expect("lock");
                if shared.refusing {
                    b"451 4.3.0 Thu lai sau\r\n"
                } else {
                    shared.received.push(Received { from: from.clone(), to: std::mem::take(&mut to), data });
                    b"250 OK queued\r\n"
                }
            }
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 Command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

impl Received {
    /// A header's value, unfolded and decoded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let prefix = format!("{}:", name.to_ascii_lowercase());
        unfolded
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| decode_words(l[prefix.len()..].trim()))
    }

    /// The body as text, its transfer encoding undone.
    pub fn body(&self) -> String {
        let body = self.data.split_once("\r\n\r\n").map_or("", |(_, body)| body);
        let bytes = match self.header("Content-Transfer-Encoding").map(|e| e.to_ascii_lowercase()).as_deref() {
            Some("base64") => base64(&body.replace("\r\n", "")),
            Some("quoted-printable") => quoted_printable(body, false),
            _ => body.as_bytes().to_vec(),
        };
        String::from_utf8(bytes).expect("a UTF-8 body").replace("\r\n", "\n")
    }
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`): the space between two encoded
/// words is not part of the text, the space next to plain words is.
fn decode_words(value: &str) -> String {
    let mut bytes = Vec::new();
    let mut after_encoded = false;
    for (i, word) in value.split(' ').enumerate() {
        let parts: Vec<&str> = word.split('?').collect();
        let decoded = match parts.as_slice() {
            ["=", _charset, encoding, text, "="] if encoding.eq_ignore_ascii_case("b") => Some(base64(text)),
            ["=", _charset, encoding, text, "="] if encoding.eq_ignore_ascii_case("q") => {
                Some(quoted_printable(text, true))
            }
            _ => None,
        };
        if i > 0 && !(after_encoded && decoded.is_some()) {
            bytes.push(b' ');
        }
        after_encoded = decoded.is_some();
        bytes.extend(decoded.unwrap_or_else(|| word.as_bytes().to_vec()));
    }
    String::from_utf8(bytes).expect("a UTF-8 header")
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0_u32, 0);
    for c in text.bytes().filter(|c| *c != b'=') {
        let value = ALPHABET.iter().position(|a| *a == c).expect("a base64 character") as u32;
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

fn quoted_printable(text: &str, header: bool) -> Vec<u8> {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("a hex byte"));
                i += 3;
            }
            b'_' if header => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}
