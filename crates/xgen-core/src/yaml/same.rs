//! Equality of YAML data as serde_yaml has it, without hashing where it can.
//!
//! serde_yaml compares mappings as sets (`IndexMap`'s `==` looks every key
//! up by hash). The writer compares a whole project file's data several times
//! per edit, and the two sides almost always list their keys in the same
//! order: walking them side by side answers the same question with no hash.
//! Where the order differs, the rest of that mapping is looked up by key, as
//! serde_yaml does, so the answer is always `a == b`.

use serde_yaml::Value;

/// `a == b`, as serde_yaml decides it.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            if x.len() != y.len() {
                return false;
            }
            for (i, ((kx, vx), (ky, vy))) in x.iter().zip(y).enumerate() {
                if kx != ky {
                    // From here the order differs. The keys before are the
                    // same on both sides and keys are unique, so each key
                    // left in `x` can only be among those left in `y`.
                    return x.iter().skip(i).all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)));
                }
                if !same(vx, vy) {
                    return false;
                }
            }
            true
        }
        (Value::Sequence(x), Value::Sequence(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        (Value::Tagged(x), Value::Tagged(y)) => x.tag == y.tag && same(&x.value, &y.value),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::value::{Tag, TaggedValue};

    /// A fixed-seed generator (the core's tests take no random crate).
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    /// Small values, so that two of them are often equal or nearly so.
    fn value(r: &mut Rng, depth: u32) -> Value {
        let kinds = if depth == 0 { 5 } else { 8 };
        match r.below(kinds) {
            0 => Value::Null,
            1 => Value::Bool(r.below(2) == 0),
            2 => Value::Number(r.below(3).into()),
            3 => Value::Number((r.below(3) as f64 / 2.0).into()),
            4 => Value::String(["", "a", "b"][r.below(3) as usize].to_owned()),
            5 => Value::Sequence((0..r.below(3)).map(|_| value(r, depth - 1)).collect()),
            6 => Value::Mapping(
                (0..r.below(4))
                    .map(|_| (Value::String(["a", "b", "c"][r.below(3) as usize].into()), value(r, depth - 1)))
                    .collect(),
            ),
            _ => Value::Tagged(Box::new(TaggedValue {
                tag: Tag::new(["x", "y"][r.below(2) as usize]),
                value: value(r, depth - 1),
            })),
        }
    }

    /// The same data with every mapping's keys in another order.
    fn reordered(v: &Value, r: &mut Rng) -> Value {
        match v {
            Value::Mapping(m) => {
                let mut entries: Vec<_> = m.iter().map(|(k, v)| (k.clone(), reordered(v, r))).collect();
                if !entries.is_empty() {
                    let by = r.below(entries.len() as u64) as usize;
                    entries.rotate_left(by);
                }
                Value::Mapping(entries.into_iter().collect())
            }
            Value::Sequence(s) => Value::Sequence(s.iter().map(|v| reordered(v, r)).collect()),
            Value::Tagged(t) => {
                Value::Tagged(Box::new(TaggedValue { tag: t.tag.clone(), value: reordered(&t.value, r) }))
            }
            other => other.clone(),
        }
    }

    #[test]
    fn answers_as_serde_yaml() {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15);
        let (mut equal, mut reorders) = (0, 0);
        for _ in 0..20_000 {
            let a = value(&mut r, 3);
            let b = value(&mut r, 3);
            let a2 = reordered(&a, &mut r);
            assert_eq!(same(&a, &b), a == b, "{a:?} vs {b:?}");
            assert!(same(&a, &a2), "{a:?} vs {a2:?}");
            assert_eq!(same(&a2, &b), a2 == b, "{a2:?} vs {b:?}");
            equal += usize::from(a == b);
            reorders += usize::from(format!("{a:?}") != format!("{a2:?}"));
        }
        // The cases that matter happen: equal pairs and reordered keys.
        assert!(equal > 500 && reorders > 500, "{equal} equal pairs, {reorders} reordered");
    }

    #[test]
    fn keys_in_another_order_are_the_same_data() {
        let a: Value = serde_yaml::from_str("{a: 1, b: {c: [1, 2], d: x}, e: 2}").unwrap();
        let b: Value = serde_yaml::from_str("{a: 1, e: 2, b: {d: x, c: [1, 2]}}").unwrap();
        let c: Value = serde_yaml::from_str("{a: 1, e: 2, b: {d: x, c: [2, 1]}}").unwrap();
        assert!(same(&a, &b));
        assert!(!same(&a, &c));
        assert!(!same(&b, &c));
    }
}
