//! The ChaCha8 word stream of `rand_chacha`'s `ChaCha8Rng` (64-bit block counter, stream 0),
//! made sixteen blocks at a time.
//!
//! Where the processor has AVX-512 and the run's [`super::Kernels`] allow it, the sixteen
//! blocks are computed side by side, one block per vector lane, in about 40 % of the time
//! `rand_chacha`'s four-block AVX2 code takes (docs/benchmarks.md); elsewhere `rand_chacha`
//! makes them: it is the scalar reference. Both give the same words (tests compare them
//! across counters, the 32-bit carry included).

use rand::SeedableRng;
use rand::rand_core::block::Generator;
use rand_chacha::ChaCha8Core;

/// Words per [`ChaCha8::fill`]: sixteen 16-word blocks.
pub const GENERATION: usize = 256;
/// Words `rand_chacha` makes per call: four blocks.
const PORTABLE_GENERATION: usize = 64;

/// A ChaCha8 keystream positioned at a block.
#[derive(Clone, Debug)]
pub struct ChaCha8 {
    maker: Maker,
}

#[derive(Clone, Debug)]
enum Maker {
    /// Sixteen blocks per vector instruction, from the key and the next block's number.
    #[cfg(target_arch = "x86_64")]
    Wide { key: [u32; 8], block: u64 },
    /// `rand_chacha`'s own generator.
    Portable(Box<ChaCha8Core>),
}

impl ChaCha8 {
    /// The stream `ChaCha8Rng::seed_from_u64(seed)` produces, from its start; sixteen blocks
    /// per vector instruction where `wide` asks for it and the processor has AVX-512F.
    pub fn seed_from_u64(seed: u64, wide: bool) -> Self {
        #[cfg(target_arch = "x86_64")]
        if wide && super::avx512() {
            return Self::wide(rand_chacha::ChaCha8Rng::seed_from_u64(seed).get_seed(), 0);
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = wide;
        Self::portable(seed)
    }

    /// `rand_chacha`'s own maker for `seed`'s stream.
    fn portable(seed: u64) -> Self {
        ChaCha8 {
            maker: Maker::Portable(Box::new(ChaCha8Core::seed_from_u64(seed))),
        }
    }

    /// The AVX-512 maker for `seed`'s key, at block `block`; the caller checked the feature.
    #[cfg(target_arch = "x86_64")]
    fn wide(seed: [u8; 32], block: u64) -> Self {
        let mut key = [0; 8];
        for (word, bytes) in key.iter_mut().zip(seed.chunks_exact(4)) {
            *word = u32::from_le_bytes(bytes.try_into().expect("four bytes"));
        }
        ChaCha8 {
            maker: Maker::Wide { key, block },
        }
    }

    /// The stream's next [`GENERATION`] words.
    #[inline]
    pub fn fill(&mut self, out: &mut [u32; GENERATION]) {
        match &mut self.maker {
            #[cfg(target_arch = "x86_64")]
            Maker::Wide { key, block } => {
                // SAFETY: `Wide` is only built where the processor has AVX-512F.
                unsafe { wide::sixteen_blocks(key, *block, out) };
                *block = block.wrapping_add(16);
            }
            Maker::Portable(core) => {
                for part in out.chunks_exact_mut(PORTABLE_GENERATION) {
                    core.generate(part.try_into().expect("a chunk is one generation"));
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod wide {
    use std::arch::x86_64::*;

    /// "expand 32-byte k".
    const SIGMA: [u32; 4] = [0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574];

    /// Blocks `block` … `block + 15` of the key's stream (nonce 0), in order, into `out`.
    /// Register `i` holds word `i` of the sixteen blocks, block `j` in lane `j`; a transpose
    /// at the end puts each block's words together.
    #[target_feature(enable = "avx512f")]
    pub(super) fn sixteen_blocks(key: &[u32; 8], block: u64, out: &mut [u32; super::GENERATION]) {
        let splat = |w: u32| _mm512_set1_epi32(w as i32);
        let lanes = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        let low = _mm512_add_epi32(splat(block as u32), lanes);
        // A lane whose low word wrapped carries into the high word.
        let carried = _mm512_cmplt_epu32_mask(low, lanes);
        let high = splat((block >> 32) as u32);
        let high = _mm512_mask_add_epi32(high, carried, high, splat(1));
        let zero = _mm512_setzero_si512();
        let start = [
            splat(SIGMA[0]),
            splat(SIGMA[1]),
            splat(SIGMA[2]),
            splat(SIGMA[3]),
            splat(key[0]),
            splat(key[1]),
            splat(key[2]),
            splat(key[3]),
            splat(key[4]),
            splat(key[5]),
            splat(key[6]),
            splat(key[7]),
            low,
            high,
            zero,
            zero,
        ];
        let mut x = start;
        for _ in 0..4 {
            quarter_round(&mut x, 0, 4, 8, 12);
            quarter_round(&mut x, 1, 5, 9, 13);
            quarter_round(&mut x, 2, 6, 10, 14);
            quarter_round(&mut x, 3, 7, 11, 15);
            quarter_round(&mut x, 0, 5, 10, 15);
            quarter_round(&mut x, 1, 6, 11, 12);
            quarter_round(&mut x, 2, 7, 8, 13);
            quarter_round(&mut x, 3, 4, 9, 14);
        }
        for (word, first) in x.iter_mut().zip(start) {
            *word = _mm512_add_epi32(*word, first);
        }
        transpose(&mut x);
        for (block_words, chunk) in x.iter().zip(out.chunks_exact_mut(16)) {
            // SAFETY: each chunk is 16 words, the 64 bytes an unaligned store writes.
            unsafe { _mm512_storeu_si512(chunk.as_mut_ptr().cast(), *block_words) };
        }
    }

    #[inline]
    #[target_feature(enable = "avx512f")]
    fn quarter_round(x: &mut [__m512i; 16], a: usize, b: usize, c: usize, d: usize) {
        x[a] = _mm512_add_epi32(x[a], x[b]);
        x[d] = _mm512_rol_epi32::<16>(_mm512_xor_si512(x[d], x[a]));
        x[c] = _mm512_add_epi32(x[c], x[d]);
        x[b] = _mm512_rol_epi32::<12>(_mm512_xor_si512(x[b], x[c]));
        x[a] = _mm512_add_epi32(x[a], x[b]);
        x[d] = _mm512_rol_epi32::<8>(_mm512_xor_si512(x[d], x[a]));
        x[c] = _mm512_add_epi32(x[c], x[d]);
        x[b] = _mm512_rol_epi32::<7>(_mm512_xor_si512(x[b], x[c]));
    }

    /// Transpose the 16 × 16 matrix of words (register = row, lane = column) by swapping
    /// its off-diagonal blocks of size 8, then 4, 2 and 1 within every diagonal block.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn transpose(x: &mut [__m512i; 16]) {
        swap_blocks::<8>(x);
        swap_blocks::<4>(x);
        swap_blocks::<2>(x);
        swap_blocks::<1>(x);
    }

    /// Swap the off-diagonal `HALF` × `HALF` blocks of every diagonal block of twice the size.
    #[inline]
    #[target_feature(enable = "avx512f")]
    fn swap_blocks<const HALF: usize>(x: &mut [__m512i; 16]) {
        let [upper, lower] = const { swap_lanes(HALF) };
        // SAFETY: both arrays are 16 words, the 64 bytes an unaligned load reads.
        let (upper, lower) = unsafe {
            (
                _mm512_loadu_si512(upper.as_ptr().cast()),
                _mm512_loadu_si512(lower.as_ptr().cast()),
            )
        };
        for row in 0..16 {
            if row & HALF == 0 {
                let (a, b) = (x[row], x[row + HALF]);
                x[row] = _mm512_permutex2var_epi32(a, upper, b);
                x[row + HALF] = _mm512_permutex2var_epi32(a, lower, b);
            }
        }
    }

    /// The lanes a two-register permute takes (0–15 from the upper row of a pair, 16–31 from
    /// the lower) to swap blocks of `half`: the upper row keeps its lanes whose `half` bit is
    /// 0 and takes the lower row's lanes `half` to the left; the lower row symmetrically.
    const fn swap_lanes(half: usize) -> [[i32; 16]; 2] {
        let mut lanes = [[0; 16]; 2];
        let mut lane = 0;
        while lane < 16 {
            let keeps = lane & half == 0;
            lanes[0][lane] = if keeps { lane } else { 16 + lane - half } as i32;
            lanes[1][lane] = if keeps { lane + half } else { 16 + lane } as i32;
            lane += 1;
        }
        lanes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;
    use rand_chacha::ChaCha8Rng;

    /// `n` words of `rand_chacha`'s stream for `seed` from word `start`.
    fn reference(seed: u64, start: u128, n: usize) -> Vec<u32> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_word_pos(start);
        (0..n).map(|_| rng.next_u32()).collect()
    }

    #[test]
    fn stream_equals_rand_chacha() {
        for seed in [0, 1, 42, u64::MAX] {
            for mut ours in [ChaCha8::seed_from_u64(seed, true), ChaCha8::portable(seed)] {
                let mut words = Vec::new();
                let mut out = [0; GENERATION];
                for _ in 0..5 {
                    ours.fill(&mut out);
                    words.extend_from_slice(&out);
                }
                assert_eq!(words, reference(seed, 0, words.len()), "seed {seed}");
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    #[cfg_attr(not(host_avx512), ignore = "skipped: this processor lacks AVX-512F")]
    fn wide_blocks_carry_the_counter_past_32_bits() {
        let seed = ChaCha8Rng::seed_from_u64(9).get_seed();
        // Block 2³² − 5: lanes 5 … 15 of the first fill have carried.
        let start = (1u64 << 32) - 5;
        let mut ours = ChaCha8::wide(seed, start);
        let mut words = Vec::new();
        let mut out = [0; GENERATION];
        for _ in 0..2 {
            ours.fill(&mut out);
            words.extend_from_slice(&out);
        }
        assert_eq!(words, reference(9, u128::from(start) * 16, words.len()));
    }
}
