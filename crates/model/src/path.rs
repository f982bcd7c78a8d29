//! Paths into a stack file (`regions[1].database.read_replicas[0].region`): how diagnostics
//! name the place a mistake is, independent of line numbers.

use std::fmt;

/// One step of a [`StackPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root to a node, rendered like `regions[1].network.vpc_cidr`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StackPath {
    segments: Vec<Segment>,
}

impl StackPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self { segments }
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Index(index));
        Self { segments }
    }

    /// The steps of the path.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The path without its last step, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.segments.split_last()?;
        Some(Self {
            segments: rest.to_vec(),
        })
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// Parses the rendered form back (`a.b[2].c`); keys holding `.` or `[` cannot round-trip
    /// and are not produced by Meridian's own paths.
    pub fn parse(text: &str) -> Self {
        let mut path = Self::root();
        for part in text.split('.').filter(|part| !part.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(at) => (&part[..at], &part[at..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                path = path.key(key);
            }
            while let Some(close) = rest.find(']') {
                match rest[1..close].parse::<usize>() {
                    Ok(index) => path = path.index(index),
                    Err(_) => path = path.key(&rest[1..close]),
                }
                rest = &rest[close + 1..];
            }
        }
        path
    }
}

impl fmt::Display for StackPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("(document)");
        }
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => f.write_str(key)?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_parses_back() {
        let path = StackPath::root()
            .key("regions")
            .index(1)
            .key("database")
            .key("read_replicas")
            .index(0)
            .key("region");
        assert_eq!(
            path.to_string(),
            "regions[1].database.read_replicas[0].region"
        );
        assert_eq!(StackPath::parse(&path.to_string()), path);
        assert_eq!(StackPath::root().to_string(), "(document)");
        assert_eq!(
            path.parent().map(|p| p.to_string()).as_deref(),
            Some("regions[1].database.read_replicas[0]")
        );
    }
}
