//! `ln` and `exp` built from `+ - * /` only, so that native and wasm builds give bit-identical
//! layouts. The platform `f32::ln` and `f32::powf` call into whatever libm the target links,
//! whose last bits differ between targets; `sqrt` is exact by IEEE 754 and is used directly.

use super::lanes::{F4, U4};

const LN_2: f32 = std::f32::consts::LN_2;

/// Natural logarithm of a positive finite `x`, within a few ulps. Returns `f32::NEG_INFINITY`
/// for 0 and NaN for negative or non-finite input (callers only pass `1 + distance`).
pub fn ln(x: f32) -> f32 {
    if x.is_nan() || x < 0.0 || x.is_infinite() {
        return f32::NAN;
    }
    if x == 0.0 {
        return f32::NEG_INFINITY;
    }
    let mut bits = x.to_bits();
    let mut e: i32 = 0;
    // Subnormals: scale into the normal range first.
    if bits < 0x0080_0000 {
        let scaled = x * 16_777_216.0; // 2^24
        bits = scaled.to_bits();
        e -= 24;
    }
    e += ((bits >> 23) & 0xff) as i32 - 127;
    // Mantissa in [1, 2).
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    // Centre it on 1: m in [sqrt(1/2), sqrt(2)).
    if m > std::f32::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    // ln(m) = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let series =
        s * (2.0 + s2 * (2.0 / 3.0 + s2 * (2.0 / 5.0 + s2 * (2.0 / 7.0 + s2 * (2.0 / 9.0)))));
    e as f32 * LN_2 + series
}

/// `ln(1 + d)` for the attraction loop: `d >= 0` finite gives a result within about 1e-6
/// relative; anything else returns `d` unchanged (never a panic). No branches beyond that
/// one, no subnormal handling (1 + d >= 1), a shorter series than [`ln`].
#[inline(always)]
pub fn ln_1p_fast(d: f32) -> f32 {
    let x = 1.0 + d;
    if !(1.0..f32::INFINITY).contains(&x) {
        return d;
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 23) & 0xff) as i32 - 127;
    let mut m = f32::from_bits((bits & 0x007f_ffff) | 0x3f80_0000);
    if m > std::f32::consts::SQRT_2 {
        m *= 0.5;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    e as f32 * LN_2 + s * (2.0 + s2 * (2.0 / 3.0 + s2 * (2.0 / 5.0 + s2 * (2.0 / 7.0))))
}

/// [`ln_1p_fast`] on four lanes: the same operations in the same order, so each lane gives
/// the bits the scalar function gives.
#[inline(always)]
pub(crate) fn ln_1p_fast4(d: F4) -> F4 {
    let x = F4::splat(1.0).add(d);
    let valid = x.ge(F4::splat(1.0)).and(x.lt(F4::splat(f32::INFINITY)));
    let bits = x.to_bits();
    // ((bits >> 23) & 0xff) - 127, as i32
    let e = bits
        .shr(23)
        .and(U4::splat(0xff))
        .add(U4::splat(127u32.wrapping_neg()));
    let m = bits
        .and(U4::splat(0x007f_ffff))
        .or(U4::splat(0x3f80_0000))
        .bits_as_f32();
    let big = m.gt(F4::splat(std::f32::consts::SQRT_2));
    let m = F4::select(big, m.mul(F4::splat(0.5)), m);
    let e = U4::select(big, e.add(U4::splat(1)), e);
    let one = F4::splat(1.0);
    let s = m.sub(one).div(m.add(one));
    let s2 = s.mul(s);
    let poly = F4::splat(2.0).add(s2.mul(
        F4::splat(2.0 / 3.0).add(s2.mul(F4::splat(2.0 / 5.0).add(s2.mul(F4::splat(2.0 / 7.0))))),
    ));
    let r = e.signed_to_f32().mul(F4::splat(LN_2)).add(s.mul(poly));
    F4::select(valid, r, d)
}

/// `e^x`, within a few ulps for `|x| < 87`; saturates to 0 and infinity outside.
pub fn exp(x: f32) -> f32 {
    if x.is_nan() {
        return f32::NAN;
    }
    if x > 88.7 {
        return f32::INFINITY;
    }
    if x < -87.3 {
        return 0.0;
    }
    // x = k ln2 + r, |r| <= ln2 / 2.
    let k = (x / LN_2 + if x >= 0.0 { 0.5 } else { -0.5 }) as i32;
    let r = x - k as f32 * LN_2;
    // Taylor to r^7: error < 2e-9 for |r| <= 0.347.
    let p = 1.0
        + r * (1.0
            + r * (0.5
                + r * (1.0 / 6.0
                    + r * (1.0 / 24.0
                        + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
    let scale = f32::from_bits(((k + 127) as u32) << 23);
    p * scale
}

/// `base^power` for positive finite `base`, exact for powers 0 and 1.
pub fn pow(base: f32, power: f32) -> f32 {
    if power == 0.0 {
        1.0
    } else if power == 1.0 {
        base
    } else {
        exp(power * ln(base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_matches_std_closely() {
        for i in 1..20_000 {
            let x = i as f32 * 0.173 + 1e-3 * i as f32 * i as f32;
            let rel = ((ln(x) - x.ln()) / x.ln().abs().max(1e-3)).abs();
            assert!(rel < 1e-5, "ln({x}) = {} vs {}", ln(x), x.ln());
        }
        assert_eq!(ln(1.0), 0.0);
        assert!((ln(1e-40) - (1e-40f32).ln()).abs() < 1e-3);
        assert!(ln(-1.0).is_nan());
    }

    #[test]
    fn ln_1p_fast_matches_std_closely() {
        for i in 0..50_000 {
            let d = i as f32 * 0.37 + 1e-4 * (i as f32).powi(2);
            let want = d.ln_1p();
            let got = ln_1p_fast(d);
            assert!(
                (got - want).abs() <= 2e-6 * want.max(1e-3),
                "ln_1p({d}) = {got} vs {want}"
            );
        }
        assert_eq!(ln_1p_fast(0.0), 0.0);
        assert!(ln_1p_fast(f32::NAN).is_nan());
    }

    #[test]
    fn ln_1p_fast4_gives_the_scalar_bits() {
        let mut inputs: Vec<f32> = (0..40_000)
            .map(|i| i as f32 * 0.37 + 1e-4 * (i as f32).powi(2))
            .collect();
        inputs.extend([
            0.0,
            1e-30,
            0.414,
            0.4142135,
            1e30,
            f32::MAX,
            -0.5,
            -1.0,
            -3.0,
        ]);
        inputs.extend([f32::NAN, f32::INFINITY, f32::NEG_INFINITY]);
        inputs.extend((0..32).map(|k| f32::from_bits(0x3f80_0000 + k * 0x0003_0000) - 1.0));
        for chunk in inputs.chunks(4) {
            let mut lanes = [0.0f32; 4];
            lanes[..chunk.len()].copy_from_slice(chunk);
            let got = ln_1p_fast4(F4::new(lanes)).to_array();
            for (g, &d) in got.iter().zip(&lanes) {
                let want = ln_1p_fast(d);
                assert!(
                    g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                    "ln_1p_fast4({d}) = {g} vs {want}"
                );
            }
        }
    }

    #[test]
    fn exp_and_pow_match_std_closely() {
        for i in -800..800 {
            let x = i as f32 * 0.1;
            let rel = ((exp(x) - x.exp()) / x.exp()).abs();
            assert!(rel < 1e-5, "exp({x}) = {} vs {}", exp(x), x.exp());
        }
        assert_eq!(pow(3.5, 0.0), 1.0);
        assert_eq!(pow(3.5, 1.0), 3.5);
        assert!((pow(2.0, 0.5) - std::f32::consts::SQRT_2).abs() < 1e-6);
    }
}
