//! A serializer that writes a value as it serializes, except the single-entry maps a [`Rewrite`]
//! asks to see: each of those is captured as JSON and written as the rewrite returns it, or as it
//! was when the rewrite leaves it alone. `split.rs` uses it to rewrite the references that leave
//! a divided region's unit while the template is written, so that the resources of services
//! units stay typed instead of taking a detour through JSON trees.

use serde::ser::{
    Error as _, Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant,
    SerializeTuple, SerializeTupleStruct, SerializeTupleVariant, Serializer,
};
use serde_json::Value as Json;

/// What a map announces when it holds one entry: the shape of every intrinsic function.
const ONE_ENTRY: Option<usize> = Some(1);

/// The error of a map whose key and value do not alternate, which serde's contract rules out.
fn out_of_turn<E: serde::ser::Error>() -> E {
    E::custom("a map's entries came out of turn")
}

/// What [`Rewriting`] asks about single-entry maps.
pub(crate) trait Rewrite {
    /// Whether a single-entry map with this key is to be handed to [`Rewrite::rewrite`].
    fn wants(&self, key: &str) -> bool;

    /// What to write instead of the single-entry map of `key` (one it wants) and `value` (its
    /// value as JSON, which it may take or change), or `None` to write the map as it is.
    fn rewrite(&self, key: &str, value: &mut Json) -> Option<Json>;
}

/// `value`, serialized through [`Rewriting`].
pub(crate) struct Through<'a, T: ?Sized, R> {
    pub(crate) value: &'a T,
    pub(crate) rewrite: &'a R,
}

impl<T: Serialize + ?Sized, R: Rewrite> Serialize for Through<'_, T, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Rewriting {
            inner: serializer,
            rewrite: self.rewrite,
        })
    }
}

/// `inner`, with the single-entry maps `rewrite` wants rewritten.
struct Rewriting<'a, S, R> {
    inner: S,
    rewrite: &'a R,
}

/// A compound value whose elements go through [`Rewriting`].
pub(crate) struct Compound<'a, C, R> {
    inner: C,
    rewrite: &'a R,
}

/// Forwards a scalar to the inner serializer.
macro_rules! forward {
    ($($method:ident($type:ty);)*) => {
        $(fn $method(self, value: $type) -> Result<S::Ok, S::Error> {
            self.inner.$method(value)
        })*
    };
}

impl<'a, S: Serializer, R: Rewrite> Serializer for Rewriting<'a, S, R> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq, R>;
    type SerializeTuple = Compound<'a, S::SerializeTuple, R>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct, R>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant, R>;
    type SerializeMap = Map<'a, S, R>;
    type SerializeStruct = Compound<'a, S::SerializeStruct, R>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant, R>;

    forward! {
        serialize_bool(bool);
        serialize_i8(i8);
        serialize_i16(i16);
        serialize_i32(i32);
        serialize_i64(i64);
        serialize_i128(i128);
        serialize_u8(u8);
        serialize_u16(u16);
        serialize_u32(u32);
        serialize_u64(u64);
        serialize_u128(u128);
        serialize_f32(f32);
        serialize_f64(f64);
        serialize_char(char);
        serialize_str(&str);
        serialize_bytes(&[u8]);
        serialize_unit_struct(&'static str);
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let rewrite = self.rewrite;
        self.inner.serialize_some(&Through { value, rewrite })
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let rewrite = self.rewrite;
        self.inner
            .serialize_newtype_struct(name, &Through { value, rewrite })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let rewrite = self.rewrite;
        self.inner
            .serialize_newtype_variant(name, index, variant, &Through { value, rewrite })
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(Compound {
            inner: self.inner.serialize_seq(len)?,
            rewrite: self.rewrite,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Ok(Compound {
            inner: self.inner.serialize_tuple(len)?,
            rewrite: self.rewrite,
        })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Ok(Compound {
            inner: self.inner.serialize_tuple_struct(name, len)?,
            rewrite: self.rewrite,
        })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Ok(Compound {
            inner: self
                .inner
                .serialize_tuple_variant(name, index, variant, len)?,
            rewrite: self.rewrite,
        })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let state = if len == ONE_ENTRY {
            // Whether it is one the rewrite wants shows with its key.
            State::Waiting(self.inner)
        } else {
            State::Open(self.inner.serialize_map(len)?)
        };
        Ok(Map {
            state,
            rewrite: self.rewrite,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(Compound {
            inner: self.inner.serialize_struct(name, len)?,
            rewrite: self.rewrite,
        })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Ok(Compound {
            inner: self
                .inner
                .serialize_struct_variant(name, index, variant, len)?,
            rewrite: self.rewrite,
        })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The compound serializers whose elements are values alone (`serialize_element` or
/// `serialize_field`), each value through [`Rewriting`].
macro_rules! compound_of_values {
    ($($trait:ident::$method:ident;)*) => {
        $(impl<C: $trait, R: Rewrite> $trait for Compound<'_, C, R> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                let rewrite = self.rewrite;
                self.inner.$method(&Through { value, rewrite })
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        })*
    };
}

compound_of_values! {
    SerializeSeq::serialize_element;
    SerializeTuple::serialize_element;
    SerializeTupleStruct::serialize_field;
    SerializeTupleVariant::serialize_field;
}

/// The compound serializers whose elements are named fields, each value through [`Rewriting`].
macro_rules! compound_of_fields {
    ($($trait:ident;)*) => {
        $(impl<C: $trait, R: Rewrite> $trait for Compound<'_, C, R> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), C::Error> {
                let rewrite = self.rewrite;
                self.inner.serialize_field(key, &Through { value, rewrite })
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        })*
    };
}

compound_of_fields! {
    SerializeStruct;
    SerializeStructVariant;
}

/// A map on its way through [`Rewriting`].
pub(crate) struct Map<'a, S: Serializer, R> {
    state: State<S>,
    rewrite: &'a R,
}

enum State<S: Serializer> {
    /// A single-entry map whose key has not come yet: nothing is written.
    Waiting(S),
    /// A single-entry map with a key the rewrite wants: its value comes next.
    Wanted(S, String),
    /// Written whole (rewritten).
    Written(S::Ok),
    /// Written as it comes.
    Open(S::SerializeMap),
    /// Between two states (only while a method runs, or after an error).
    Moved,
}

impl<S: Serializer, R: Rewrite> SerializeMap for Map<'_, S, R> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.state = match std::mem::replace(&mut self.state, State::Moved) {
            State::Waiting(serializer) => match serde_json::to_value(key) {
                Ok(Json::String(name)) if self.rewrite.wants(&name) => {
                    State::Wanted(serializer, name)
                }
                _ => {
                    let mut map = serializer.serialize_map(ONE_ENTRY)?;
                    map.serialize_key(key)?;
                    State::Open(map)
                }
            },
            State::Open(mut map) => {
                map.serialize_key(key)?;
                State::Open(map)
            }
            _ => return Err(out_of_turn()),
        };
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        let rewrite = self.rewrite;
        self.state = match std::mem::replace(&mut self.state, State::Moved) {
            State::Wanted(serializer, name) => {
                let mut captured = serde_json::to_value(value).map_err(S::Error::custom)?;
                match rewrite.rewrite(&name, &mut captured) {
                    Some(replacement) => State::Written(replacement.serialize(serializer)?),
                    None => {
                        let mut map = serializer.serialize_map(ONE_ENTRY)?;
                        map.serialize_key(&name)?;
                        map.serialize_value(&Through { value, rewrite })?;
                        State::Open(map)
                    }
                }
            }
            State::Open(mut map) => {
                map.serialize_value(&Through { value, rewrite })?;
                State::Open(map)
            }
            _ => return Err(out_of_turn()),
        };
        Ok(())
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        match self.state {
            State::Written(done) => Ok(done),
            State::Open(map) => map.end(),
            State::Waiting(serializer) => serializer.serialize_map(ONE_ENTRY)?.end(),
            State::Wanted(..) | State::Moved => Err(out_of_turn()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::collections::BTreeMap;

    use serde::Serialize;

    use super::*;

    /// Rewrites `{"Swap": x}` into `"swapped"` when `x` is `"this"`, and counts what it saw.
    struct Swap {
        seen: Cell<usize>,
    }

    impl Rewrite for Swap {
        fn wants(&self, key: &str) -> bool {
            key == "Swap"
        }

        fn rewrite(&self, key: &str, value: &mut Json) -> Option<Json> {
            assert_eq!(key, "Swap");
            self.seen.set(self.seen.get() + 1);
            (*value == "this").then(|| Json::String("swapped".to_owned()))
        }
    }

    #[derive(Serialize)]
    struct Typed {
        first: BTreeMap<String, Json>,
        second: Vec<Option<BTreeMap<String, String>>>,
        third: (u8, String),
    }

    fn through(value: &impl Serialize, swap: &Swap) -> String {
        let mut text = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut text);
        Through {
            value,
            rewrite: swap,
        }
        .serialize(&mut serializer)
        .expect("serializes");
        String::from_utf8(text).expect("utf-8")
    }

    #[test]
    fn rewrites_only_wanted_single_entry_maps_at_any_depth() {
        let value = Typed {
            first: BTreeMap::from([(
                "a".to_owned(),
                serde_json::json!([{"Swap": "this"}, {"Swap": "that"}, {"Swap": "this", "b": 1}]),
            )]),
            second: vec![
                None,
                Some(BTreeMap::from([("Swap".to_owned(), "this".to_owned())])),
                Some(BTreeMap::from([("Other".to_owned(), "this".to_owned())])),
                Some(BTreeMap::new()),
            ],
            third: (7, "Swap".to_owned()),
        };
        let swap = Swap { seen: Cell::new(0) };
        let written = through(&value, &swap);
        assert_eq!(
            written,
            r#"{"first":{"a":["swapped",{"Swap":"that"},{"Swap":"this","b":1}]},"second":[null,"swapped",{"Other":"this"},{}],"third":[7,"Swap"]}"#
        );
        // The two single-entry `Swap` maps of the JSON and the typed one; not the map of two.
        assert_eq!(swap.seen.get(), 3);
        // Without a rewrite, the same bytes as plain serialization.
        let none = Swap { seen: Cell::new(0) };
        let plain = Typed {
            first: BTreeMap::new(),
            second: vec![Some(BTreeMap::from([(
                "Swap".to_owned(),
                "that".to_owned(),
            )]))],
            third: (1, String::new()),
        };
        assert_eq!(
            through(&plain, &none),
            serde_json::to_string(&plain).expect("serializes")
        );
    }
}
