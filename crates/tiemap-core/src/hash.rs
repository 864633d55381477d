//! The crate's one named, specified hash: FNV-1a with 64 bits (Fowler, Noll & Vo; the
//! IETF draft `draft-eastlake-fnv`). Every byte `b` of the input is folded into the state as
//! `state = (state XOR b) * FNV_PRIME` (wrapping, mod 2^64), starting from
//! [`FNV1A64_OFFSET_BASIS`] `0xcbf29ce484222325`, with [`FNV1A64_PRIME`] `0x100000001b3`.
//!
//! It is stable across platforms, builds and Rust versions (unlike `DefaultHasher`), so a
//! hash written to a file or compared across native and wasm builds stays valid. Not
//! cryptographic, and slow for large inputs (one multiply per byte): it fingerprints test
//! and benchmark outputs. Use [`fnv1a64`] for one byte string, [`Fnv1a64`] to feed the bytes
//! of several values in turn (the result equals [`fnv1a64`] of their concatenation).

use std::hash::Hasher;

/// FNV-1a 64-bit offset basis: the state before any byte.
pub const FNV1A64_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV 64-bit prime, `2^40 + 2^8 + 0xb3`.
pub const FNV1A64_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits, of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.finish()
}

/// FNV-1a, 64 bits, fed in pieces. As a [`Hasher`], the fixed-width integers are fed as their
/// little-endian bytes on every platform (`write_usize` and `write_isize` keep the platform's
/// width: feed a `u64` to hash sizes the same way on wasm32 and 64-bit targets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fnv1a64(u64);

impl Fnv1a64 {
    /// The state before any byte.
    pub const fn new() -> Fnv1a64 {
        Fnv1a64(FNV1A64_OFFSET_BASIS)
    }
}

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64::new()
    }
}

/// `Hasher` methods that feed an integer as its little-endian bytes.
macro_rules! little_endian {
    ($($method:ident: $int:ty),*) => {
        $(
            fn $method(&mut self, x: $int) {
                self.write(&x.to_le_bytes());
            }
        )*
    };
}

impl Hasher for Fnv1a64 {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV1A64_PRIME);
        }
    }

    little_endian!(
        write_u16: u16,
        write_u32: u32,
        write_u64: u64,
        write_u128: u128,
        write_i16: i16,
        write_i32: i32,
        write_i64: i64,
        write_i128: i128
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_vectors() {
        // From the FNV reference test suite (fnv-1a, 64 bits).
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn pieces_hash_as_their_concatenation() {
        let mut h = Fnv1a64::default();
        h.write(b"foo");
        h.write(b"bar");
        assert_eq!(h.finish(), fnv1a64(b"foobar"));
        let mut n = Fnv1a64::new();
        n.write_u64(0x0102_0304_0506_0708);
        n.write_i32(-2);
        assert_eq!(
            n.finish(),
            fnv1a64(&[8, 7, 6, 5, 4, 3, 2, 1, 0xfe, 0xff, 0xff, 0xff])
        );
    }
}
