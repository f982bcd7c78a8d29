//! Paths into a stack file (`regions[1].database.read_replicas[0].region`): how diagnostics
//! name the place a mistake is, independent of line numbers.

use std::fmt;
use std::sync::Arc;

/// One step of a [`StackPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(Arc<str>),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root to a node, rendered like `regions[1].network.vpc_cidr`.
///
/// Shared, not copied: the plan records the path of every resource, parameter and finding, tens
/// of thousands at a time, so a clone counts a reference instead of copying each key. It
/// compares, orders and hashes as the sequence of its steps.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StackPath {
    segments: Arc<[Segment]>,
}

impl StackPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        self.then(Segment::Key(key.into()))
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        self.then(Segment::Index(index))
    }

    /// This path extended by `segment`.
    fn then(&self, segment: Segment) -> Self {
        let mut segments = Vec::with_capacity(self.segments.len() + 1);
        segments.extend(self.segments.iter().cloned());
        segments.push(segment);
        Self {
            segments: segments.into(),
        }
    }

    /// The steps of the path.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The path without its last step, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.segments.split_last()?;
        Some(Self {
            segments: rest.into(),
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

    /// Paths order as their sequences of steps (diagnostics are sorted by path), and a clone or
    /// an extension leaves the original as it was.
    #[test]
    fn paths_order_step_by_step_and_extensions_share_nothing_visible() {
        let services = StackPath::root().key("services");
        let first = services.index(0);
        let copy = first.clone();
        let extended = first.key("name");
        assert_eq!(copy, first);
        assert_eq!(first.to_string(), "services[0]");
        assert_eq!(extended.to_string(), "services[0].name");
        let mut paths = [
            StackPath::root().key("stack"),
            services.index(10),
            extended.clone(),
            services.clone(),
            StackPath::root(),
            services.index(2),
            first.clone(),
        ];
        paths.sort();
        let rendered: Vec<String> = paths.iter().map(ToString::to_string).collect();
        assert_eq!(
            rendered,
            [
                "(document)",
                "services",
                "services[0]",
                "services[0].name",
                "services[2]",
                "services[10]",
                "stack",
            ]
        );
        for pair in paths.windows(2) {
            assert_eq!(
                pair[0].cmp(&pair[1]),
                pair[0].segments().cmp(pair[1].segments())
            );
        }
    }
}
