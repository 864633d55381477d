//! Four lanes of `f32` / `u32` for the grouped Barnes-Hut walk
//! ([`super::forceatlas2`]): wasm `v128` when the build enables `simd128`
//! (`-C target-feature=+simd128`), plain arrays otherwise.
//!
//! Every operation is lane-wise and IEEE 754 exact (`+ - * /`, `sqrt`, comparisons, selects):
//! no fused multiply-add, no reordered sums, so a lane computes the very bits the scalar code
//! computes for the same inputs. That is what lets the wasm simd build draw bit-identical
//! pictures to the scalar and native builds, and lets native tests check the grouped walk
//! (through the array backend) against the scalar one.

pub(crate) use imp::{F4, U4};

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    /// Four `f32`.
    #[derive(Clone, Copy)]
    pub(crate) struct F4(v128);
    /// Four `u32`.
    #[derive(Clone, Copy)]
    pub(crate) struct U4(v128);
    /// Four lane masks (all bits set = true).
    #[derive(Clone, Copy)]
    pub(crate) struct M4(v128);

    impl F4 {
        #[inline(always)]
        pub fn splat(x: f32) -> F4 {
            F4(f32x4_splat(x))
        }
        #[inline(always)]
        pub fn new(v: [f32; 4]) -> F4 {
            F4(f32x4(v[0], v[1], v[2], v[3]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }
        #[inline(always)]
        pub fn add(self, o: F4) -> F4 {
            F4(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn sub(self, o: F4) -> F4 {
            F4(f32x4_sub(self.0, o.0))
        }
        #[inline(always)]
        pub fn mul(self, o: F4) -> F4 {
            F4(f32x4_mul(self.0, o.0))
        }
        #[inline(always)]
        pub fn div(self, o: F4) -> F4 {
            F4(f32x4_div(self.0, o.0))
        }
        #[inline(always)]
        pub fn sqrt(self) -> F4 {
            F4(f32x4_sqrt(self.0))
        }
        #[inline(always)]
        pub fn gt(self, o: F4) -> M4 {
            M4(f32x4_gt(self.0, o.0))
        }
        #[inline(always)]
        pub fn lt(self, o: F4) -> M4 {
            M4(f32x4_lt(self.0, o.0))
        }
        #[inline(always)]
        pub fn le(self, o: F4) -> M4 {
            M4(f32x4_le(self.0, o.0))
        }
        #[inline(always)]
        pub fn ge(self, o: F4) -> M4 {
            M4(f32x4_ge(self.0, o.0))
        }
        /// `m ? a : b` lane by lane.
        #[inline(always)]
        pub fn select(m: M4, a: F4, b: F4) -> F4 {
            F4(v128_bitselect(a.0, b.0, m.0))
        }
        /// The bits of each lane (`f32::to_bits`).
        #[inline(always)]
        pub fn to_bits(self) -> U4 {
            U4(self.0)
        }
    }

    impl U4 {
        #[inline(always)]
        pub fn splat(x: u32) -> U4 {
            U4(u32x4_splat(x))
        }
        #[inline(always)]
        pub fn new(v: [u32; 4]) -> U4 {
            U4(u32x4(v[0], v[1], v[2], v[3]))
        }
        #[inline(always)]
        pub fn ge(self, o: U4) -> M4 {
            M4(u32x4_ge(self.0, o.0))
        }
        #[inline(always)]
        pub fn lt(self, o: U4) -> M4 {
            M4(u32x4_lt(self.0, o.0))
        }
        #[inline(always)]
        pub fn ne(self, o: U4) -> M4 {
            M4(u32x4_ne(self.0, o.0))
        }
        #[inline(always)]
        pub fn select(m: M4, a: U4, b: U4) -> U4 {
            U4(v128_bitselect(a.0, b.0, m.0))
        }
        #[inline(always)]
        pub fn and(self, o: U4) -> U4 {
            U4(v128_and(self.0, o.0))
        }
        #[inline(always)]
        pub fn or(self, o: U4) -> U4 {
            U4(v128_or(self.0, o.0))
        }
        /// Wrapping.
        #[inline(always)]
        pub fn add(self, o: U4) -> U4 {
            U4(i32x4_add(self.0, o.0))
        }
        #[inline(always)]
        pub fn shr(self, by: u32) -> U4 {
            U4(u32x4_shr(self.0, by))
        }
        /// Each lane's bits as an `f32` (`f32::from_bits`).
        #[inline(always)]
        pub fn bits_as_f32(self) -> F4 {
            F4(self.0)
        }
        /// Each lane read as an `i32` and converted to the nearest `f32` (`x as i32 as f32`).
        #[inline(always)]
        pub fn signed_to_f32(self) -> F4 {
            F4(f32x4_convert_i32x4(self.0))
        }
        /// The smallest lane.
        #[inline(always)]
        pub fn min_lane(self) -> u32 {
            let v = u32x4_min(self.0, i32x4_shuffle::<2, 3, 0, 1>(self.0, self.0));
            let v = u32x4_min(v, i32x4_shuffle::<1, 0, 3, 2>(v, v));
            u32x4_extract_lane::<0>(v)
        }
    }

    impl M4 {
        #[inline(always)]
        pub fn and(self, o: M4) -> M4 {
            M4(v128_and(self.0, o.0))
        }
        /// `self & !o`.
        #[inline(always)]
        pub fn and_not(self, o: M4) -> M4 {
            M4(v128_andnot(self.0, o.0))
        }
        #[inline(always)]
        pub fn any(self) -> bool {
            v128_any_true(self.0)
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    /// Four `f32`.
    #[derive(Clone, Copy)]
    pub(crate) struct F4([f32; 4]);
    /// Four `u32`.
    #[derive(Clone, Copy)]
    pub(crate) struct U4([u32; 4]);
    /// Four lane masks.
    #[derive(Clone, Copy)]
    pub(crate) struct M4([bool; 4]);

    #[inline(always)]
    fn map<T: Copy, R>(a: [T; 4], f: impl Fn(T) -> R) -> [R; 4] {
        [f(a[0]), f(a[1]), f(a[2]), f(a[3])]
    }

    #[inline(always)]
    fn zip<T: Copy, R>(a: [T; 4], b: [T; 4], f: impl Fn(T, T) -> R) -> [R; 4] {
        [f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])]
    }

    #[allow(dead_code)] // only the grouped walk's tests use these off wasm simd builds
    impl F4 {
        pub fn splat(x: f32) -> F4 {
            F4([x; 4])
        }
        pub fn new(v: [f32; 4]) -> F4 {
            F4(v)
        }
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
        pub fn add(self, o: F4) -> F4 {
            F4(zip(self.0, o.0, |a, b| a + b))
        }
        pub fn sub(self, o: F4) -> F4 {
            F4(zip(self.0, o.0, |a, b| a - b))
        }
        pub fn mul(self, o: F4) -> F4 {
            F4(zip(self.0, o.0, |a, b| a * b))
        }
        pub fn div(self, o: F4) -> F4 {
            F4(zip(self.0, o.0, |a, b| a / b))
        }
        pub fn sqrt(self) -> F4 {
            F4(map(self.0, f32::sqrt))
        }
        pub fn gt(self, o: F4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a > b))
        }
        pub fn lt(self, o: F4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a < b))
        }
        pub fn le(self, o: F4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a <= b))
        }
        pub fn ge(self, o: F4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a >= b))
        }
        pub fn select(m: M4, a: F4, b: F4) -> F4 {
            F4([0, 1, 2, 3].map(|i| if m.0[i] { a.0[i] } else { b.0[i] }))
        }
        pub fn to_bits(self) -> U4 {
            U4(map(self.0, f32::to_bits))
        }
    }

    #[allow(dead_code)]
    impl U4 {
        pub fn splat(x: u32) -> U4 {
            U4([x; 4])
        }
        pub fn new(v: [u32; 4]) -> U4 {
            U4(v)
        }
        pub fn ge(self, o: U4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a >= b))
        }
        pub fn lt(self, o: U4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a < b))
        }
        pub fn ne(self, o: U4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a != b))
        }
        pub fn select(m: M4, a: U4, b: U4) -> U4 {
            U4([0, 1, 2, 3].map(|i| if m.0[i] { a.0[i] } else { b.0[i] }))
        }
        pub fn and(self, o: U4) -> U4 {
            U4(zip(self.0, o.0, |a, b| a & b))
        }
        pub fn or(self, o: U4) -> U4 {
            U4(zip(self.0, o.0, |a, b| a | b))
        }
        pub fn add(self, o: U4) -> U4 {
            U4(zip(self.0, o.0, u32::wrapping_add))
        }
        pub fn shr(self, by: u32) -> U4 {
            U4(map(self.0, |a| a >> by))
        }
        pub fn bits_as_f32(self) -> F4 {
            F4(map(self.0, f32::from_bits))
        }
        pub fn signed_to_f32(self) -> F4 {
            F4(map(self.0, |a| a as i32 as f32))
        }
        pub fn min_lane(self) -> u32 {
            self.0.into_iter().min().unwrap_or(u32::MAX)
        }
    }

    #[allow(dead_code)]
    impl M4 {
        pub fn and(self, o: M4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a && b))
        }
        pub fn and_not(self, o: M4) -> M4 {
            M4(zip(self.0, o.0, |a, b| a && !b))
        }
        pub fn any(self) -> bool {
            self.0.iter().any(|&b| b)
        }
    }
}
