//! Sorting by a computed key through one shared sort.
//!
//! Every `sort_by` with its own element type or comparator links its own copy of the standard
//! library's sort (about 3.5 KB of wasm each). The page's wasm is downloaded before its first
//! picture, so the page's small sorts (legend entries, search hits, draw order, saved maps) go
//! through these two functions instead: the caller turns each element into a number or a
//! text, and only a sort of `u128`s and one of `(&str, u32)`s are linked, whatever the
//! elements are. Both are stable: elements with equal keys keep their order.
//!
//! The worker's hot sorts (layout, clustering, inference) do not use them: there the
//! comparator inlined into the sort is faster, and items keyed by node index go through
//! `counting_sort_by`, which is linear.

/// `items` in the order of `key` (each below `keys`, as node indices are below the node count),
/// items of one key in their order in `items`: a stable counting sort, linear in items and
/// keys. Two passes, by the second key and then by the first, sort by a pair of keys.
pub(crate) fn counting_sort_by<T: Copy>(
    items: &[T],
    keys: usize,
    key: impl Fn(&T) -> u32,
) -> Vec<T> {
    let mut at = vec![0usize; keys + 1];
    for item in items {
        at[key(item) as usize + 1] += 1;
    }
    for k in 0..keys {
        at[k + 1] += at[k];
    }
    let Some(&first) = items.first() else {
        return Vec::new();
    };
    let mut out = vec![first; items.len()];
    for item in items {
        let slot = &mut at[key(item) as usize];
        out[*slot] = *item;
        *slot += 1;
    }
    out
}

/// Sorts `keys` ascending when their low 32 bits ascend in the order given (an index packed
/// under a 32-bit key, as the layout's quadtree packs a node under its Morton code): a stable
/// radix sort of the high 32 bits, a byte at a time, so the same order as `sort_unstable` on
/// the whole keys in linear time (a byte every key shares is skipped). `scratch` is working
/// space, kept by the caller from call to call.
pub(crate) fn radix_sort_high32(keys: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    let n = keys.len();
    if n < 256 {
        keys.sort_unstable();
        return;
    }
    scratch.clear();
    scratch.resize(n, 0);
    for shift in [32u32, 40, 48, 56] {
        let mut at = [0usize; 256];
        for &k in keys.iter() {
            at[(k >> shift) as usize & 255] += 1;
        }
        if at.contains(&n) {
            continue;
        }
        let mut sum = 0;
        for a in at.iter_mut() {
            let count = *a;
            *a = sum;
            sum += count;
        }
        for &k in keys.iter() {
            let slot = &mut at[(k >> shift) as usize & 255];
            scratch[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, scratch);
    }
}

/// Sorts `items` by `key`, ascending and stable. The key must be below 2^96 (the position of
/// each element is kept in the low 32 bits of one `u128`); pack a composite key as bit fields,
/// the most significant first (`f32_key`, `f64_key` and `u32::MAX - x` for descending fields).
pub fn sort_by_number<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u128) {
    let mut keys: Vec<u128> = items
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let k = key(t);
            debug_assert!(k >> 96 == 0, "a sort key above 2^96");
            (k << 32) | i as u128
        })
        .collect();
    sort_numbers(&mut keys);
    reorder(items, keys.into_iter().map(|k| k as u32 as usize));
}

/// Sorts `items` by the text `key` gives (byte order, as `str`'s `Ord`), stable; with
/// `descending`, the greatest text first (elements with equal texts still keep their order).
pub fn sort_by_text<T>(items: &mut Vec<T>, descending: bool, key: impl Fn(&T) -> &str) {
    // Descending: sorted ascending with the positions counted from the end, then reversed.
    let n = items.len();
    let position = |i: usize| if descending { n - 1 - i } else { i };
    let mut keys: Vec<(&str, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, t)| (key(t), position(i) as u32))
        .collect();
    sort_texts(&mut keys);
    let order: Vec<usize> = keys
        .into_iter()
        .map(|(_, p)| position(p as usize))
        .collect();
    if descending {
        reorder(items, order.into_iter().rev());
    } else {
        reorder(items, order.into_iter());
    }
}

// The sorts themselves, not generic: one copy each in the whole program.
fn sort_numbers(keys: &mut [u128]) {
    keys.sort_unstable();
}

fn sort_texts(keys: &mut [(&str, u32)]) {
    keys.sort_unstable();
}

/// An `f32` as a `u32` whose order is `f32::total_cmp`'s.
pub fn f32_key(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// An `f64` as a `u64` whose order is `f64::total_cmp`'s.
pub fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Puts `items` in the order `order` gives (a permutation of their positions).
fn reorder<T>(items: &mut Vec<T>, order: impl Iterator<Item = usize>) {
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.filter_map(|i| taken[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn radix_sort_of_keys_over_ascending_indices_is_sort_unstable(
            high in proptest::collection::vec(0u32..1_000, 0..2_000),
            spread in proptest::bool::ANY,
        ) {
            // a few distinct keys, or keys over the whole 32 bits
            let keys: Vec<u64> = high
                .iter()
                .enumerate()
                .map(|(i, &h)| {
                    let h = if spread { h.wrapping_mul(2_654_435_761) } else { h };
                    (u64::from(h) << 32) | i as u64
                })
                .collect();
            let mut expected = keys.clone();
            expected.sort_unstable();
            let (mut sorted, mut scratch) = (keys, Vec::new());
            radix_sort_high32(&mut sorted, &mut scratch);
            prop_assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn float_keys_order_as_total_cmp() {
        let xs = [
            f32::NEG_INFINITY,
            -3.5,
            -0.0,
            0.0,
            1e-30,
            2.0,
            f32::MAX,
            f32::INFINITY,
            f32::NAN,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(f32_key(a).cmp(&f32_key(b)), a.total_cmp(&b), "{a} {b}");
                let (a, b) = (a as f64, b as f64);
                assert_eq!(f64_key(a).cmp(&f64_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }

    proptest! {
        #[test]
        fn number_sort_is_std_stable_sort(v in proptest::collection::vec((0u8..4, any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            sort_by_number(&mut ours, |&(k, _)| k as u128);
            let mut std = v;
            std.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn wide_number_keys_sort_as_std(v in proptest::collection::vec((any::<u32>(), any::<u64>()), 0..60)) {
            let key = |&(a, b): &(u32, u64)| (u128::from(a) << 64) | u128::from(b);
            let mut ours = v.clone();
            sort_by_number(&mut ours, key);
            let mut std = v;
            std.sort_by_key(key);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn text_sort_is_std_stable_sort_both_ways(v in proptest::collection::vec(("[ab]{0,2}", any::<u16>()), 0..60)) {
            let mut ours = v.clone();
            sort_by_text(&mut ours, false, |(s, _)| s);
            let mut std = v.clone();
            std.sort_by(|a, b| a.0.cmp(&b.0));
            prop_assert_eq!(ours, std);

            let mut ours = v.clone();
            sort_by_text(&mut ours, true, |(s, _)| s);
            let mut std = v;
            std.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(ours, std);
        }
    }
}
