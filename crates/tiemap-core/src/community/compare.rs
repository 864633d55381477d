//! How alike two partitions of the same nodes are: normalised mutual information ([`nmi`]) and
//! the adjusted Rand index ([`ari`]). Labels are any `u32`s; only which nodes share a label
//! matters. Both agree with scikit-learn's `normalized_mutual_info_score` (arithmetic mean) and
//! `adjusted_rand_score`, including their conventions for trivial partitions.

use super::{relabel_dense, CommunityError};

/// The contingency table of two labelings: counts per `(a, b)` pair and the marginals.
struct Contingency {
    /// `(count)` of each non-empty cell, in a deterministic order.
    cells: Vec<u64>,
    rows: Vec<u64>,
    cols: Vec<u64>,
    n: u64,
}

fn contingency(a: &[u32], b: &[u32]) -> Result<Contingency, CommunityError> {
    if a.len() != b.len() {
        return Err(CommunityError::LengthMismatch {
            what: "the two partitions",
            left: a.len(),
            right: b.len(),
        });
    }
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    let (ka, kb) = (relabel_dense(&mut a), relabel_dense(&mut b));
    let mut rows = vec![0u64; ka];
    let mut cols = vec![0u64; kb];
    let mut pairs: Vec<u64> = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| {
            rows[x as usize] += 1;
            cols[y as usize] += 1;
            ((x as u64) << 32) | y as u64
        })
        .collect();
    pairs.sort_unstable();
    let mut cells = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let j = i + pairs[i..].iter().take_while(|&&p| p == pairs[i]).count();
        cells.push((j - i) as u64);
        i = j;
    }
    Ok(Contingency {
        cells,
        rows,
        cols,
        n: a.len() as u64,
    })
}

fn entropy(counts: &[u64], n: f64) -> f64 {
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.ln()
        })
        .sum()
}

/// Normalised mutual information with arithmetic-mean normalisation:
/// `I(a; b) / ((H(a) + H(b)) / 2)`, in `[0, 1]`.
///
/// When both partitions put every node in one community (or there are no nodes) the result is
/// 1; when only one of them does, 0.
pub fn nmi(a: &[u32], b: &[u32]) -> Result<f64, CommunityError> {
    let t = contingency(a, b)?;
    if t.rows.len() == t.cols.len() && t.rows.len() <= 1 {
        return Ok(1.0);
    }
    let n = t.n as f64;
    let h_a = entropy(&t.rows, n);
    let h_b = entropy(&t.cols, n);
    // I = H(a) + H(b) - H(a, b)
    let h_ab = entropy(&t.cells, n);
    let mutual = (h_a + h_b - h_ab).max(0.0);
    let norm = (h_a + h_b) / 2.0;
    if norm <= 0.0 {
        return Ok(1.0);
    }
    Ok((mutual / norm).clamp(0.0, 1.0))
}

fn pairs(c: u64) -> f64 {
    let c = c as f64;
    c * (c - 1.0) / 2.0
}

/// Adjusted Rand index: the Rand index corrected for chance; 1 for identical partitions, about 0
/// for independent ones, negative for worse than chance.
///
/// When both partitions are trivial in the same way (one community each, or every node alone)
/// the result is 1.
pub fn ari(a: &[u32], b: &[u32]) -> Result<f64, CommunityError> {
    let t = contingency(a, b)?;
    let sum_cells: f64 = t.cells.iter().map(|&c| pairs(c)).sum();
    let sum_rows: f64 = t.rows.iter().map(|&c| pairs(c)).sum();
    let sum_cols: f64 = t.cols.iter().map(|&c| pairs(c)).sum();
    let total = pairs(t.n);
    if total == 0.0 {
        return Ok(1.0);
    }
    let expected = sum_rows * sum_cols / total;
    let max = (sum_rows + sum_cols) / 2.0;
    if max == expected {
        return Ok(1.0);
    }
    Ok((sum_cells - expected) / (max - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_up_to_relabelling() {
        let a = [0, 0, 1, 1, 2, 2, 2];
        let b = [9, 9, 4, 4, 7, 7, 7];
        assert!((nmi(&a, &b).unwrap() - 1.0).abs() < 1e-12);
        assert!((ari(&a, &b).unwrap() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn known_values() {
        // scikit-learn: adjusted_rand_score([0,0,1,2],[0,0,1,1]) = 0.5714285714285715
        let a = [0, 0, 1, 2];
        let b = [0, 0, 1, 1];
        assert!((ari(&a, &b).unwrap() - 0.571_428_571_428_571_5).abs() < 1e-12);
        // H(b) = ln 2, H(a) = 1.5 ln 2, I = ln 2: NMI = 1 / 1.25 = 0.8
        assert!((nmi(&a, &b).unwrap() - 0.8).abs() < 1e-12);
        // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5; independent halves: NMI 0.
        assert!((ari(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap() + 0.5).abs() < 1e-12);
        assert!(nmi(&[0, 0, 1, 1], &[0, 1, 0, 1]).unwrap().abs() < 1e-12);
    }

    #[test]
    fn trivial_partitions() {
        assert_eq!(nmi(&[1, 1, 1], &[2, 2, 2]), Ok(1.0));
        assert_eq!(ari(&[1, 1, 1], &[2, 2, 2]), Ok(1.0));
        assert_eq!(ari(&[0, 1, 2], &[5, 4, 3]), Ok(1.0));
        assert_eq!(nmi(&[0, 0, 0], &[0, 1, 2]), Ok(0.0));
        assert_eq!(ari(&[0, 0, 0], &[0, 1, 2]), Ok(0.0));
        assert_eq!(nmi(&[], &[]), Ok(1.0));
        assert!(matches!(
            nmi(&[0, 1], &[0]),
            Err(CommunityError::LengthMismatch {
                left: 2,
                right: 1,
                ..
            })
        ));
        assert!(ari(&[0], &[0, 1]).is_err());
    }
}
