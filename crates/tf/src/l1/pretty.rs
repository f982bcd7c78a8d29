//! Pretty JSON written straight from a typed value, without a `serde_json::Value` tree in between: the
//! text `serde_json::to_string_pretty` writes for the value's JSON tree with the keys of every object in
//! sorted order (as `SortedKeys` in `module.rs` writes it), and with the top-level entries of a second
//! object (a resource's meta-arguments) merged in at their sorted places.
//!
//! Entries are written in the order serde gives them. Most objects arrive sorted (the generated L1 types
//! declare their fields alphabetically; `BTreeMap`s iterate in order), which the writer checks key by key;
//! an object that does not (a hand-written block, a map whose keys change order when escaped) is put in
//! order when it closes by moving its already written entries. A duplicate key, or a part of serde's data
//! model that Terraform JSON never needs (enum variants with data, bytes, 128-bit or `f32` numbers, keys that
//! are not strings), is an error, and the caller falls back to the `serde_json::Value` path, which defines
//! the output.

use std::cmp::Ordering;

use serde::Serialize;
use serde::ser::{self, Error as _, Impossible};

use super::expression::{push_integer, write_json_string_content};

type Error = serde_json::Error;

/// One `"key": value` entry of an open object: the key's place in the key arena, and where the entry's
/// text starts (at the key's opening quote) and ends (after the value) in the output.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: (usize, usize),
    start: usize,
    end: usize,
}

/// An open array or object.
#[derive(Debug, Clone, Copy)]
struct Frame {
    object: bool,
    /// Just after the opening bracket.
    body_start: usize,
    /// This object's entries are `entries[first_entry..]`, their keys `keys[first_key..]`.
    first_entry: usize,
    first_key: usize,
    items: usize,
    /// Whether every key so far is greater than the one before it.
    sorted: bool,
}

/// Writes pretty JSON with sorted keys; reused from one value to the next so that its buffers are
/// allocated once.
#[derive(Debug, Clone, Default)]
pub(crate) struct PrettyWriter {
    out: String,
    frames: Vec<Frame>,
    entries: Vec<Entry>,
    /// The raw keys (as serialized, before JSON escaping) of the open objects, one after the other.
    keys: String,
    /// Entries merged into the top-level object: `(key, "\"key\": value")`, sorted by key.
    merged: Vec<(String, String)>,
    /// How many of `merged` are written.
    merged_written: usize,
    /// Whether the value being written is a top-level object (the only place merged entries can go).
    root_is_object: bool,
    /// How many levels in the value is written, as if it were nested that deep in a larger document:
    /// every line after the first is indented by two more spaces per level.
    base_depth: usize,
}

impl PrettyWriter {
    /// `value` as pretty JSON, keys sorted at every level, with the top-level entries of `merged` (which
    /// must serialize as an object) among the top-level entries of `value` (which must be an object unless
    /// `merged` has no entries), written as if it started `base_depth` levels in.
    pub(crate) fn render(
        &mut self,
        value: &impl Serialize,
        merged: &impl Serialize,
        base_depth: usize,
    ) -> Result<&str, Error> {
        self.base_depth = base_depth;
        self.merged.clear();
        self.merged_written = 0;
        self.start();
        merged.serialize(&mut *self)?;
        if !self.root_is_object {
            return Err(Error::custom("merged entries must serialize as an object"));
        }
        for entry in &self.entries {
            self.merged.push((
                self.keys[entry.key.0..entry.key.1].to_owned(),
                self.out[entry.start..entry.end].to_owned(),
            ));
        }
        self.start();
        value.serialize(&mut *self)?;
        if self.merged_written < self.merged.len() {
            return Err(Error::custom(
                "the value has no top-level object to merge entries into",
            ));
        }
        Ok(&self.out)
    }

    fn start(&mut self) {
        self.out.clear();
        self.frames.clear();
        self.entries.clear();
        self.keys.clear();
        self.root_is_object = false;
    }

    fn open(&mut self, object: bool) {
        if self.frames.is_empty() && self.out.is_empty() {
            self.root_is_object = object;
        }
        self.out.push(if object { '{' } else { '[' });
        self.frames.push(Frame {
            object,
            body_start: self.out.len(),
            first_entry: self.entries.len(),
            first_key: self.keys.len(),
            items: 0,
            sorted: true,
        });
    }

    /// The line break and indentation before the next item of the innermost container.
    fn item_separator(&mut self) {
        let depth = self.frames.len();
        if let Some(frame) = self.frames.last_mut() {
            self.out
                .push_str(if frame.items == 0 { "\n" } else { ",\n" });
            frame.items += 1;
        }
        push_indent(&mut self.out, self.base_depth + depth);
    }

    fn close_previous_entry(&mut self) {
        let end = self.out.len();
        let first_entry = self
            .frames
            .last()
            .map_or(usize::MAX, |frame| frame.first_entry);
        if self.entries.len() > first_entry
            && let Some(last) = self.entries.last_mut()
        {
            last.end = end;
        }
    }

    /// Starts the entry whose raw key is `keys[key_start..]`, up to the `: ` before its value.
    fn begin_entry(&mut self, key_start: usize) -> Result<(), Error> {
        self.close_previous_entry();
        let key = (key_start, self.keys.len());
        if self.frames.len() == 1 {
            self.write_merged_before(Some(key))?;
        }
        let Some(frame) = self.frames.last_mut() else {
            return Err(Error::custom("an entry outside of any object"));
        };
        if self.entries.len() > frame.first_entry
            && let Some(previous) = self.entries.last()
        {
            let previous = &self.keys[previous.key.0..previous.key.1];
            let current = &self.keys[key.0..key.1];
            match previous.cmp(current) {
                Ordering::Less => {}
                Ordering::Equal => return Err(duplicate_key(current)),
                Ordering::Greater => frame.sorted = false,
            }
        }
        self.item_separator();
        let start = self.out.len();
        self.out.push('"');
        write_json_string_content(&mut self.out, &self.keys[key.0..key.1]);
        self.out.push_str("\": ");
        self.entries.push(Entry {
            key,
            start,
            end: start,
        });
        Ok(())
    }

    /// Writes the merged entries whose keys sort before the key at `before` in the arena (all that are
    /// left with `None`) into the top-level object. Their keys go to the end of the arena: the top-level
    /// object's keys are never truncated, so no range moves.
    fn write_merged_before(&mut self, before: Option<(usize, usize)>) -> Result<(), Error> {
        while let Some((key, _)) = self.merged.get(self.merged_written) {
            if let Some((start, end)) = before {
                match key.as_str().cmp(&self.keys[start..end]) {
                    Ordering::Less => {}
                    Ordering::Equal => return Err(duplicate_key(key)),
                    Ordering::Greater => break,
                }
            }
            let merged_key = (self.keys.len(), self.keys.len() + key.len());
            self.keys.push_str(key);
            self.item_separator();
            let start = self.out.len();
            self.out.push_str(&self.merged[self.merged_written].1);
            self.entries.push(Entry {
                key: merged_key,
                start,
                end: self.out.len(),
            });
            self.merged_written += 1;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<(), Error> {
        if self.frames.len() == 1 && self.root_is_object {
            self.close_previous_entry();
            self.write_merged_before(None)?;
        }
        self.close_previous_entry();
        let Some(frame) = self.frames.pop() else {
            return Err(Error::custom("a container closed twice"));
        };
        if !frame.sorted {
            self.sort_entries(&frame)?;
        }
        if frame.items > 0 {
            self.out.push('\n');
            push_indent(&mut self.out, self.base_depth + self.frames.len());
        }
        self.out.push(if frame.object { '}' } else { ']' });
        // The top-level object's entries are kept: `render` reads the merged object's from them.
        if !self.frames.is_empty() {
            self.entries.truncate(frame.first_entry);
            self.keys.truncate(frame.first_key);
        }
        Ok(())
    }

    /// Rewrites the entries of `frame` (just closed, its entries all written) in sorted key order.
    fn sort_entries(&mut self, frame: &Frame) -> Result<(), Error> {
        let keys = &self.keys;
        let key = |entry: &Entry| &keys[entry.key.0..entry.key.1];
        let mut order = self.entries[frame.first_entry..].to_vec();
        order.sort_by(|left, right| key(left).cmp(key(right)));
        if let Some(pair) = order.windows(2).find(|pair| key(&pair[0]) == key(&pair[1])) {
            return Err(duplicate_key(key(&pair[0])));
        }
        let depth = self.base_depth + self.frames.len() + 1;
        let mut body = String::with_capacity(self.out.len() - frame.body_start);
        for (position, entry) in order.iter_mut().enumerate() {
            body.push_str(if position == 0 { "\n" } else { ",\n" });
            push_indent(&mut body, depth);
            let start = frame.body_start + body.len();
            body.push_str(&self.out[entry.start..entry.end]);
            *entry = Entry {
                key: entry.key,
                start,
                end: frame.body_start + body.len(),
            };
        }
        self.out.truncate(frame.body_start);
        self.out.push_str(&body);
        self.entries.truncate(frame.first_entry);
        self.entries.extend(order);
        Ok(())
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        write_json_string_content(&mut self.out, text);
        self.out.push('"');
    }

    fn unsupported(what: &str) -> Error {
        Error::custom(format!("{what} is not written by the direct JSON writer"))
    }
}

fn duplicate_key(key: &str) -> Error {
    Error::custom(format!("duplicate key {key:?}"))
}

/// Two spaces per level, as serde_json's pretty formatter indents.
fn push_indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                                                ";
    let mut width = depth * 2;
    while width > 0 {
        let chunk = width.min(SPACES.len());
        out.push_str(&SPACES[..chunk]);
        width -= chunk;
    }
}

/// Serializer methods writing an integer in decimal, as serde_json does.
macro_rules! integers {
    ($($method:ident($type:ty)),*) => {
        $(fn $method(self, value: $type) -> Result<(), Error> {
            push_integer(&mut self.out, value);
            Ok(())
        })*
    };
}

impl ser::Serializer for &mut PrettyWriter {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, value: bool) -> Result<(), Error> {
        self.out.push_str(if value { "true" } else { "false" });
        Ok(())
    }

    integers!(
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64)
    );

    fn serialize_f32(self, _value: f32) -> Result<(), Error> {
        Err(PrettyWriter::unsupported("an f32"))
    }

    fn serialize_f64(self, value: f64) -> Result<(), Error> {
        // serde_json's own text for a float (and `null` for NaN and the infinities, as a Value holds them).
        if value.is_finite() {
            self.out.push_str(&serde_json::to_string(&value)?);
        } else {
            self.out.push_str("null");
        }
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result<(), Error> {
        Err(PrettyWriter::unsupported("a byte string"))
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(PrettyWriter::unsupported("an enum variant with data"))
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Error> {
        self.open(false);
        Ok(self)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Self, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(PrettyWriter::unsupported("an enum variant with data"))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Error> {
        self.open(true);
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Error> {
        self.open(true);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(PrettyWriter::unsupported("an enum variant with data"))
    }
}

/// The serde traits written as arrays: each element on its own line.
macro_rules! array_like {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for &mut PrettyWriter {
            type Ok = ();
            type Error = Error;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.item_separator();
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Error> {
                self.close()
            }
        })*
    };
}

array_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeMap for &mut PrettyWriter {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        let start = self.keys.len();
        key.serialize(KeyWriter(&mut self.keys))?;
        self.begin_entry(start)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStruct for &mut PrettyWriter {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let start = self.keys.len();
        self.keys.push_str(key);
        self.begin_entry(start)?;
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// Appends a map key, which must be a string, to the key arena.
struct KeyWriter<'a>(&'a mut String);

/// Serializer methods that reject their value as a map key.
macro_rules! not_string_keys {
    ($($method:ident($($argument:ident: $type:ty),*) -> $ok:ty;)*) => {
        $(fn $method(self, $($argument: $type),*) -> Result<$ok, Error> {
            $(let _ = $argument;)*
            Err(not_a_string_key())
        })*
    };
}

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, value: &str) -> Result<(), Error> {
        self.0.push_str(value);
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<(), Error> {
        self.0.push(value);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), Error> {
        Err(not_a_string_key())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(not_a_string_key())
    }

    not_string_keys! {
        serialize_bool(value: bool) -> ();
        serialize_i8(value: i8) -> ();
        serialize_i16(value: i16) -> ();
        serialize_i32(value: i32) -> ();
        serialize_i64(value: i64) -> ();
        serialize_u8(value: u8) -> ();
        serialize_u16(value: u16) -> ();
        serialize_u32(value: u32) -> ();
        serialize_u64(value: u64) -> ();
        serialize_f32(value: f32) -> ();
        serialize_f64(value: f64) -> ();
        serialize_bytes(value: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize
        ) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(
            name: &'static str,
            index: u32,
            variant: &'static str,
            len: usize
        ) -> Self::SerializeStructVariant;
    }
}

fn not_a_string_key() -> Error {
    PrettyWriter::unsupported("a map key that is not a string")
}
