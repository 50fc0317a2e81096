//! A map from text keys to values kept as a vector sorted by key: what a scenario holds a
//! handful of (the prices typed over, the inputs given a range), in less code to download than
//! an ordered map, and iterated in key order so that a link and a file always write them alike.
//!
//! ```
//! use headroom::scenario::keyed::Keyed;
//! let mut prices: Keyed<f64> = Keyed::default();
//! prices.insert("b".into(), 2.0);
//! prices.insert("a".into(), 1.0);
//! assert_eq!(prices.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b"]);
//! assert_eq!(prices.insert("a".into(), 3.0), Some(1.0));
//! assert_eq!(prices.remove("b"), Some(2.0));
//! assert_eq!(prices.get("a"), Some(&3.0));
//! ```

/// Values by text key, in key order.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyed<V>(Vec<(String, V)>);

impl<V> Default for Keyed<V> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<V> Keyed<V> {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value at `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|at| &self.0[at].1)
    }

    /// Puts `value` at `key`; returns the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    /// Takes the value at `key` out.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        let at = self.find(key).ok()?;
        Some(self.0.remove(at).1)
    }

    /// Every key and value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many values it holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<'a, V> IntoIterator for &'a Keyed<V> {
    type Item = (&'a str, &'a V);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a str, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<V> IntoIterator for Keyed<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V> FromIterator<(String, V)> for Keyed<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut keyed = Keyed::default();
        for (key, value) in iter {
            keyed.insert(key, value);
        }
        keyed
    }
}
