/*
 * canvas.c: the cell grid everything is drawn into before a terminal (or a
 * golden file) sees it.
 *
 * Invariants of a canvas (every drawing function keeps them; canvas_cell's
 * raw access can break them, and canvas_glyph and canvas_to_text still
 * print such a grid safely and aligned):
 *  - cells holds width * height cells, row major; a cell outside is never
 *    touched (everything clips).
 *  - A cell of width 2 is never in the last column and is followed by a
 *    cell of width 0 (its right half) on the same row; every cell of width
 *    0 follows one of width 2.  Writing over either half of a pair first
 *    turns the other half into a space (cell_take), so no half character
 *    is ever left behind.
 *  - A cell with lines set shows a box-drawing glyph and has ch ' '.
 *  - ch is always printable: drawn text goes through the visible form of
 *    strbuf_append_visible (escapes for what utf8_must_escape names, and
 *    invalid UTF-8), and characters of no width are dropped, so one code
 *    point fills exactly its cells.
 *
 * Character widths come from the table below, not from the locale, so that
 * `dump` gives the same picture everywhere.  The table was made from glibc
 * 2.36's wcwidth() in C.UTF-8 (what ncursesw uses on Debian 12), so the
 * viewer's columns agree with the terminal's: East Asian Wide and
 * Fullwidth characters and emoji are 2 columns, combining marks and
 * format characters 0, the rest 1.
 *
 * Text is handled in units: one character, or one whole escape such as
 * \x1b or \u202e.  Clipping never splits a unit, so a reader never sees
 * half an escape and mistakes it for text.
 */
#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "view/canvas.h"

#define ELLIPSIS	0x2026	/* … */

struct urange {
	uint32_t	first;
	uint32_t	last;
};

/* wcwidth() == 2 (glibc 2.36, C.UTF-8). */
static const struct urange wide_ranges[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x23e9, 0x23ec }, { 0x23f0, 0x23f0 }, { 0x23f3, 0x23f3 },
	{ 0x25fd, 0x25fe }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267f, 0x267f }, { 0x2693, 0x2693 }, { 0x26a1, 0x26a1 },
	{ 0x26aa, 0x26ab }, { 0x26bd, 0x26be }, { 0x26c4, 0x26c5 },
	{ 0x26ce, 0x26ce }, { 0x26d4, 0x26d4 }, { 0x26ea, 0x26ea },
	{ 0x26f2, 0x26f3 }, { 0x26f5, 0x26f5 }, { 0x26fa, 0x26fa },
	{ 0x26fd, 0x26fd }, { 0x2705, 0x2705 }, { 0x270a, 0x270b },
	{ 0x2728, 0x2728 }, { 0x274c, 0x274c }, { 0x274e, 0x274e },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27b0, 0x27b0 }, { 0x27bf, 0x27bf }, { 0x2b1b, 0x2b1c },
	{ 0x2b50, 0x2b50 }, { 0x2b55, 0x2b55 }, { 0x2e80, 0x2e99 },
	{ 0x2e9b, 0x2ef3 }, { 0x2f00, 0x2fd5 }, { 0x2ff0, 0x2ffb },
	{ 0x3000, 0x3029 }, { 0x302e, 0x303e }, { 0x3041, 0x3096 },
	{ 0x309b, 0x30ff }, { 0x3105, 0x312f }, { 0x3131, 0x318e },
	{ 0x3190, 0x31e3 }, { 0x31f0, 0x321e }, { 0x3220, 0xa48c },
	{ 0xa490, 0xa4c6 }, { 0xa960, 0xa97c }, { 0xac00, 0xd7a3 },
	{ 0xf900, 0xfa6d }, { 0xfa70, 0xfad9 }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe52 }, { 0xfe54, 0xfe66 }, { 0xfe68, 0xfe6b },
	{ 0xff01, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x16fe0, 0x16fe3 },
	{ 0x16ff0, 0x16ff1 }, { 0x17000, 0x187f7 }, { 0x18800, 0x18cd5 },
	{ 0x18d00, 0x18d08 }, { 0x1aff0, 0x1aff3 }, { 0x1aff5, 0x1affb },
	{ 0x1affd, 0x1affe }, { 0x1b000, 0x1b122 }, { 0x1b150, 0x1b152 },
	{ 0x1b164, 0x1b167 }, { 0x1b170, 0x1b2fb }, { 0x1f004, 0x1f004 },
	{ 0x1f0cf, 0x1f0cf }, { 0x1f18e, 0x1f18e }, { 0x1f191, 0x1f19a },
	{ 0x1f200, 0x1f202 }, { 0x1f210, 0x1f23b }, { 0x1f240, 0x1f248 },
	{ 0x1f250, 0x1f251 }, { 0x1f260, 0x1f265 }, { 0x1f300, 0x1f320 },
	{ 0x1f32d, 0x1f335 }, { 0x1f337, 0x1f37c }, { 0x1f37e, 0x1f393 },
	{ 0x1f3a0, 0x1f3ca }, { 0x1f3cf, 0x1f3d3 }, { 0x1f3e0, 0x1f3f0 },
	{ 0x1f3f4, 0x1f3f4 }, { 0x1f3f8, 0x1f43e }, { 0x1f440, 0x1f440 },
	{ 0x1f442, 0x1f4fc }, { 0x1f4ff, 0x1f53d }, { 0x1f54b, 0x1f54e },
	{ 0x1f550, 0x1f567 }, { 0x1f57a, 0x1f57a }, { 0x1f595, 0x1f596 },
	{ 0x1f5a4, 0x1f5a4 }, { 0x1f5fb, 0x1f64f }, { 0x1f680, 0x1f6c5 },
	{ 0x1f6cc, 0x1f6cc }, { 0x1f6d0, 0x1f6d2 }, { 0x1f6d5, 0x1f6d7 },
	{ 0x1f6dd, 0x1f6df }, { 0x1f6eb, 0x1f6ec }, { 0x1f6f4, 0x1f6fc },
	{ 0x1f7e0, 0x1f7eb }, { 0x1f7f0, 0x1f7f0 }, { 0x1f90c, 0x1f93a },
	{ 0x1f93c, 0x1f945 }, { 0x1f947, 0x1f9ff }, { 0x1fa70, 0x1fa74 },
	{ 0x1fa78, 0x1fa7c }, { 0x1fa80, 0x1fa86 }, { 0x1fa90, 0x1faac },
	{ 0x1fab0, 0x1faba }, { 0x1fac0, 0x1fac5 }, { 0x1fad0, 0x1fad9 },
	{ 0x1fae0, 0x1fae7 }, { 0x1faf0, 0x1faf6 }, { 0x20000, 0x2a6df },
	{ 0x2a700, 0x2b738 }, { 0x2b740, 0x2b81d }, { 0x2b820, 0x2cea1 },
	{ 0x2ceb0, 0x2ebe0 }, { 0x2f800, 0x2fa1d }, { 0x30000, 0x3134a },
};

/* wcwidth() == 0 above U+00A0: combining marks, format characters,
 * conjoining Hangul vowels and finals. */
static const struct urange zero_ranges[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x061c, 0x061c },
	{ 0x064b, 0x065f }, { 0x0670, 0x0670 }, { 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 }, { 0x06e7, 0x06e8 }, { 0x06ea, 0x06ed },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074a }, { 0x07a6, 0x07b0 },
	{ 0x07eb, 0x07f3 }, { 0x07fd, 0x07fd }, { 0x0816, 0x0819 },
	{ 0x081b, 0x0823 }, { 0x0825, 0x0827 }, { 0x0829, 0x082d },
	{ 0x0859, 0x085b }, { 0x0898, 0x089f }, { 0x08ca, 0x08e1 },
	{ 0x08e3, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0951, 0x0957 },
	{ 0x0962, 0x0963 }, { 0x0981, 0x0981 }, { 0x09bc, 0x09bc },
	{ 0x09c1, 0x09c4 }, { 0x09cd, 0x09cd }, { 0x09e2, 0x09e3 },
	{ 0x09fe, 0x09fe }, { 0x0a01, 0x0a02 }, { 0x0a3c, 0x0a3c },
	{ 0x0a41, 0x0a42 }, { 0x0a47, 0x0a48 }, { 0x0a4b, 0x0a4d },
	{ 0x0a51, 0x0a51 }, { 0x0a70, 0x0a71 }, { 0x0a75, 0x0a75 },
	{ 0x0a81, 0x0a82 }, { 0x0abc, 0x0abc }, { 0x0ac1, 0x0ac5 },
	{ 0x0ac7, 0x0ac8 }, { 0x0acd, 0x0acd }, { 0x0ae2, 0x0ae3 },
	{ 0x0afa, 0x0aff }, { 0x0b01, 0x0b01 }, { 0x0b3c, 0x0b3c },
	{ 0x0b3f, 0x0b3f }, { 0x0b41, 0x0b44 }, { 0x0b4d, 0x0b4d },
	{ 0x0b55, 0x0b56 }, { 0x0b62, 0x0b63 }, { 0x0b82, 0x0b82 },
	{ 0x0bc0, 0x0bc0 }, { 0x0bcd, 0x0bcd }, { 0x0c00, 0x0c00 },
	{ 0x0c04, 0x0c04 }, { 0x0c3c, 0x0c3c }, { 0x0c3e, 0x0c40 },
	{ 0x0c46, 0x0c48 }, { 0x0c4a, 0x0c4d }, { 0x0c55, 0x0c56 },
	{ 0x0c62, 0x0c63 }, { 0x0c81, 0x0c81 }, { 0x0cbc, 0x0cbc },
	{ 0x0cbf, 0x0cbf }, { 0x0cc6, 0x0cc6 }, { 0x0ccc, 0x0ccd },
	{ 0x0ce2, 0x0ce3 }, { 0x0d00, 0x0d01 }, { 0x0d3b, 0x0d3c },
	{ 0x0d41, 0x0d44 }, { 0x0d4d, 0x0d4d }, { 0x0d62, 0x0d63 },
	{ 0x0d81, 0x0d81 }, { 0x0dca, 0x0dca }, { 0x0dd2, 0x0dd4 },
	{ 0x0dd6, 0x0dd6 }, { 0x0e31, 0x0e31 }, { 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e }, { 0x0eb1, 0x0eb1 }, { 0x0eb4, 0x0ebc },
	{ 0x0ec8, 0x0ecd }, { 0x0f18, 0x0f19 }, { 0x0f35, 0x0f35 },
	{ 0x0f37, 0x0f37 }, { 0x0f39, 0x0f39 }, { 0x0f71, 0x0f7e },
	{ 0x0f80, 0x0f84 }, { 0x0f86, 0x0f87 }, { 0x0f8d, 0x0f97 },
	{ 0x0f99, 0x0fbc }, { 0x0fc6, 0x0fc6 }, { 0x102d, 0x1030 },
	{ 0x1032, 0x1037 }, { 0x1039, 0x103a }, { 0x103d, 0x103e },
	{ 0x1058, 0x1059 }, { 0x105e, 0x1060 }, { 0x1071, 0x1074 },
	{ 0x1082, 0x1082 }, { 0x1085, 0x1086 }, { 0x108d, 0x108d },
	{ 0x109d, 0x109d }, { 0x1160, 0x11ff }, { 0x135d, 0x135f },
	{ 0x1712, 0x1714 }, { 0x1732, 0x1733 }, { 0x1752, 0x1753 },
	{ 0x1772, 0x1773 }, { 0x17b4, 0x17b5 }, { 0x17b7, 0x17bd },
	{ 0x17c6, 0x17c6 }, { 0x17c9, 0x17d3 }, { 0x17dd, 0x17dd },
	{ 0x180b, 0x180f }, { 0x1885, 0x1886 }, { 0x18a9, 0x18a9 },
	{ 0x1920, 0x1922 }, { 0x1927, 0x1928 }, { 0x1932, 0x1932 },
	{ 0x1939, 0x193b }, { 0x1a17, 0x1a18 }, { 0x1a1b, 0x1a1b },
	{ 0x1a56, 0x1a56 }, { 0x1a58, 0x1a5e }, { 0x1a60, 0x1a60 },
	{ 0x1a62, 0x1a62 }, { 0x1a65, 0x1a6c }, { 0x1a73, 0x1a7c },
	{ 0x1a7f, 0x1a7f }, { 0x1ab0, 0x1ace }, { 0x1b00, 0x1b03 },
	{ 0x1b34, 0x1b34 }, { 0x1b36, 0x1b3a }, { 0x1b3c, 0x1b3c },
	{ 0x1b42, 0x1b42 }, { 0x1b6b, 0x1b73 }, { 0x1b80, 0x1b81 },
	{ 0x1ba2, 0x1ba5 }, { 0x1ba8, 0x1ba9 }, { 0x1bab, 0x1bad },
	{ 0x1be6, 0x1be6 }, { 0x1be8, 0x1be9 }, { 0x1bed, 0x1bed },
	{ 0x1bef, 0x1bf1 }, { 0x1c2c, 0x1c33 }, { 0x1c36, 0x1c37 },
	{ 0x1cd0, 0x1cd2 }, { 0x1cd4, 0x1ce0 }, { 0x1ce2, 0x1ce8 },
	{ 0x1ced, 0x1ced }, { 0x1cf4, 0x1cf4 }, { 0x1cf8, 0x1cf9 },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206f }, { 0x20d0, 0x20f0 },
	{ 0x2cef, 0x2cf1 }, { 0x2d7f, 0x2d7f }, { 0x2de0, 0x2dff },
	{ 0x302a, 0x302d }, { 0x3099, 0x309a }, { 0xa66f, 0xa672 },
	{ 0xa674, 0xa67d }, { 0xa69e, 0xa69f }, { 0xa6f0, 0xa6f1 },
	{ 0xa802, 0xa802 }, { 0xa806, 0xa806 }, { 0xa80b, 0xa80b },
	{ 0xa825, 0xa826 }, { 0xa82c, 0xa82c }, { 0xa8c4, 0xa8c5 },
	{ 0xa8e0, 0xa8f1 }, { 0xa8ff, 0xa8ff }, { 0xa926, 0xa92d },
	{ 0xa947, 0xa951 }, { 0xa980, 0xa982 }, { 0xa9b3, 0xa9b3 },
	{ 0xa9b6, 0xa9b9 }, { 0xa9bc, 0xa9bd }, { 0xa9e5, 0xa9e5 },
	{ 0xaa29, 0xaa2e }, { 0xaa31, 0xaa32 }, { 0xaa35, 0xaa36 },
	{ 0xaa43, 0xaa43 }, { 0xaa4c, 0xaa4c }, { 0xaa7c, 0xaa7c },
	{ 0xaab0, 0xaab0 }, { 0xaab2, 0xaab4 }, { 0xaab7, 0xaab8 },
	{ 0xaabe, 0xaabf }, { 0xaac1, 0xaac1 }, { 0xaaec, 0xaaed },
	{ 0xaaf6, 0xaaf6 }, { 0xabe5, 0xabe5 }, { 0xabe8, 0xabe8 },
	{ 0xabed, 0xabed }, { 0xd7b0, 0xd7c6 }, { 0xd7cb, 0xd7fb },
	{ 0xfb1e, 0xfb1e }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
	{ 0xfeff, 0xfeff }, { 0xfff9, 0xfffb }, { 0x101fd, 0x101fd },
	{ 0x102e0, 0x102e0 }, { 0x10376, 0x1037a }, { 0x10a01, 0x10a03 },
	{ 0x10a05, 0x10a06 }, { 0x10a0c, 0x10a0f }, { 0x10a38, 0x10a3a },
	{ 0x10a3f, 0x10a3f }, { 0x10ae5, 0x10ae6 }, { 0x10d24, 0x10d27 },
	{ 0x10eab, 0x10eac }, { 0x10f46, 0x10f50 }, { 0x10f82, 0x10f85 },
	{ 0x11001, 0x11001 }, { 0x11038, 0x11046 }, { 0x11070, 0x11070 },
	{ 0x11073, 0x11074 }, { 0x1107f, 0x11081 }, { 0x110b3, 0x110b6 },
	{ 0x110b9, 0x110ba }, { 0x110c2, 0x110c2 }, { 0x11100, 0x11102 },
	{ 0x11127, 0x1112b }, { 0x1112d, 0x11134 }, { 0x11173, 0x11173 },
	{ 0x11180, 0x11181 }, { 0x111b6, 0x111be }, { 0x111c9, 0x111cc },
	{ 0x111cf, 0x111cf }, { 0x1122f, 0x11231 }, { 0x11234, 0x11234 },
	{ 0x11236, 0x11237 }, { 0x1123e, 0x1123e }, { 0x112df, 0x112df },
	{ 0x112e3, 0x112ea }, { 0x11300, 0x11301 }, { 0x1133b, 0x1133c },
	{ 0x11340, 0x11340 }, { 0x11366, 0x1136c }, { 0x11370, 0x11374 },
	{ 0x11438, 0x1143f }, { 0x11442, 0x11444 }, { 0x11446, 0x11446 },
	{ 0x1145e, 0x1145e }, { 0x114b3, 0x114b8 }, { 0x114ba, 0x114ba },
	{ 0x114bf, 0x114c0 }, { 0x114c2, 0x114c3 }, { 0x115b2, 0x115b5 },
	{ 0x115bc, 0x115bd }, { 0x115bf, 0x115c0 }, { 0x115dc, 0x115dd },
	{ 0x11633, 0x1163a }, { 0x1163d, 0x1163d }, { 0x1163f, 0x11640 },
	{ 0x116ab, 0x116ab }, { 0x116ad, 0x116ad }, { 0x116b0, 0x116b5 },
	{ 0x116b7, 0x116b7 }, { 0x1171d, 0x1171f }, { 0x11722, 0x11725 },
	{ 0x11727, 0x1172b }, { 0x1182f, 0x11837 }, { 0x11839, 0x1183a },
	{ 0x1193b, 0x1193c }, { 0x1193e, 0x1193e }, { 0x11943, 0x11943 },
	{ 0x119d4, 0x119d7 }, { 0x119da, 0x119db }, { 0x119e0, 0x119e0 },
	{ 0x11a01, 0x11a0a }, { 0x11a33, 0x11a38 }, { 0x11a3b, 0x11a3e },
	{ 0x11a47, 0x11a47 }, { 0x11a51, 0x11a56 }, { 0x11a59, 0x11a5b },
	{ 0x11a8a, 0x11a96 }, { 0x11a98, 0x11a99 }, { 0x11c30, 0x11c36 },
	{ 0x11c38, 0x11c3d }, { 0x11c3f, 0x11c3f }, { 0x11c92, 0x11ca7 },
	{ 0x11caa, 0x11cb0 }, { 0x11cb2, 0x11cb3 }, { 0x11cb5, 0x11cb6 },
	{ 0x11d31, 0x11d36 }, { 0x11d3a, 0x11d3a }, { 0x11d3c, 0x11d3d },
	{ 0x11d3f, 0x11d45 }, { 0x11d47, 0x11d47 }, { 0x11d90, 0x11d91 },
	{ 0x11d95, 0x11d95 }, { 0x11d97, 0x11d97 }, { 0x11ef3, 0x11ef4 },
	{ 0x13430, 0x13438 }, { 0x16af0, 0x16af4 }, { 0x16b30, 0x16b36 },
	{ 0x16f4f, 0x16f4f }, { 0x16f8f, 0x16f92 }, { 0x16fe4, 0x16fe4 },
	{ 0x1bc9d, 0x1bc9e }, { 0x1bca0, 0x1bca3 }, { 0x1cf00, 0x1cf2d },
	{ 0x1cf30, 0x1cf46 }, { 0x1d167, 0x1d169 }, { 0x1d173, 0x1d182 },
	{ 0x1d185, 0x1d18b }, { 0x1d1aa, 0x1d1ad }, { 0x1d242, 0x1d244 },
	{ 0x1da00, 0x1da36 }, { 0x1da3b, 0x1da6c }, { 0x1da75, 0x1da75 },
	{ 0x1da84, 0x1da84 }, { 0x1da9b, 0x1da9f }, { 0x1daa1, 0x1daaf },
	{ 0x1e000, 0x1e006 }, { 0x1e008, 0x1e018 }, { 0x1e01b, 0x1e021 },
	{ 0x1e023, 0x1e024 }, { 0x1e026, 0x1e02a }, { 0x1e130, 0x1e136 },
	{ 0x1e2ae, 0x1e2ae }, { 0x1e2ec, 0x1e2ef }, { 0x1e8d0, 0x1e8d6 },
	{ 0x1e944, 0x1e94a }, { 0xe0001, 0xe0001 }, { 0xe0020, 0xe007f },
	{ 0xe0100, 0xe01ef },
};

/*
 * The default theme for `dump --ansi`: SGR parameters per style, 16-colour
 * codes only, chosen to read on a projector (bold and plain colours rather
 * than faint ones for what matters).  background: the style shows on a
 * space too, so such spaces are not trimmed at the end of a line.
 */
static const struct {
	const char	*sgr;
	bool		 background;
} theme[CANVAS_STYLE_COUNT] = {
	[STYLE_NORMAL] =	{ "", false },
	[STYLE_DIM] =		{ "2", false },
	[STYLE_TITLE] =		{ "1;37;44", true },
	[STYLE_CODE] =		{ "", false },
	[STYLE_CODE_CURRENT] =	{ "1;7", true },
	[STYLE_NARRATION] =	{ "", false },
	[STYLE_NAME] =		{ "1;36", false },
	[STYLE_FRAME] =		{ "36", false },
	[STYLE_BOX] =		{ "", false },
	[STYLE_BOX_CACHED] =	{ "35", false },
	[STYLE_TYPE] =		{ "34", false },
	[STYLE_VALUE] =		{ "", false },
	[STYLE_REFCOUNT] =	{ "1", false },
	[STYLE_REFCOUNT_UP] =	{ "1;32", false },
	[STYLE_REFCOUNT_DOWN] =	{ "1;30;43", true },
	[STYLE_EDGE] =		{ "", false },
	[STYLE_EDGE_NEW] =	{ "1;32", false },
	[STYLE_SELECTED] =	{ "1;33", false },
	[STYLE_FREED] =		{ "2", false },
	[STYLE_MARKED] =	{ "32", false },
	[STYLE_UNREACHABLE] =	{ "1;37;45", true },
	[STYLE_TIMELINE] =	{ "36", false },
	[STYLE_TIMELINE_NOW] =	{ "1;7", true },
	[STYLE_HINT] =		{ "2", false },
	[STYLE_GC_REFS] =	{ "4;35", false },
	[STYLE_TIMELINE_MARK] =	{ "1;35", false },
	[STYLE_ERROR] =		{ "1;37;41", true },
};

/* Box drawing by LINE_UP | LINE_DOWN | LINE_LEFT | LINE_RIGHT.  A single
 * direction is drawn as the whole line: the end of an edge then meets its
 * arrowhead or box without a gap. */
static const uint32_t light_glyphs[16] = {
	' ',	0x2502,	0x2502,	0x2502,	/* -, U, D, UD: │ */
	0x2500,	0x2518,	0x2510,	0x2524,	/* L ─, UL ┘, DL ┐, UDL ┤ */
	0x2500,	0x2514,	0x250c,	0x251c,	/* R ─, UR └, DR ┌, UDR ├ */
	0x2500,	0x2534,	0x252c,	0x253c	/* LR ─, ULR ┴, DLR ┬, all ┼ */
};
static const uint32_t heavy_glyphs[16] = {
	' ',	0x2503,	0x2503,	0x2503,	/* ┃ */
	0x2501,	0x251b,	0x2513,	0x252b,	/* ━ ┛ ┓ ┫ */
	0x2501,	0x2517,	0x250f,	0x2523,	/* ━ ┗ ┏ ┣ */
	0x2501,	0x253b,	0x2533,	0x254b	/* ━ ┻ ┳ ╋ */
};

#define LINE_DIRS	(LINE_UP | LINE_DOWN | LINE_LEFT | LINE_RIGHT)

/* ---- characters ---- */

static bool
in_ranges(const struct urange *r, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;

	if (n == 0 || c < r[0].first || c > r[n - 1].last)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r[mid].first)
			hi = mid;
		else if (c > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* Characters that are never drawn as themselves: the one rule of
 * utf8.h, as everywhere else. */
static bool
must_escape(uint32_t c)
{
	return utf8_must_escape(c);
}

/* Columns of a code point that is not escaped: 0, 1 or 2. */
static int
char_width(uint32_t c)
{
	if (c < 0x300)
		return 1;
	if (in_ranges(zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0],
	    c))
		return 0;
	if (in_ranges(wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0],
	    c))
		return 2;
	return 1;
}

/* A code point a cell can show as it is (one that canvas_text could have
 * stored); anything else written through canvas_cell prints as '?'. */
static bool
char_printable(uint32_t c)
{
	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) || must_escape(c))
		return false;
	return char_width(c) != 0;
}

static void
utf8_put(struct strbuf *out, uint32_t c)
{
	char b[4];

	if (c < 0x80) {
		strbuf_putc(out, (char)c);
		return;
	}
	if (c < 0x800) {
		b[0] = (char)(0xc0 | (c >> 6));
		b[1] = (char)(0x80 | (c & 0x3f));
		strbuf_append(out, b, 2);
	} else if (c < 0x10000) {
		b[0] = (char)(0xe0 | (c >> 12));
		b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[2] = (char)(0x80 | (c & 0x3f));
		strbuf_append(out, b, 3);
	} else {
		b[0] = (char)(0xf0 | (c >> 18));
		b[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		b[3] = (char)(0x80 | (c & 0x3f));
		strbuf_append(out, b, 4);
	}
}

/*
 * One unit of visible text: a character, or an escape standing for one
 * (each of its ASCII characters a column).  Characters of no width are
 * dropped: a unit of them has n == 0.
 */
struct unit {
	size_t		len;		/* bytes of text it stands for */
	int		width;		/* columns */
	int		n;		/* code points in cp */
	uint32_t	cp[6];		/* "\u202e" is the longest */
	bool		space;		/* ' ', where lines may wrap */
};

static void
unit_escape(struct unit *u, char kind, uint32_t value, int digits)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	u->cp[0] = '\\';
	u->cp[1] = (uint32_t)kind;
	u->n = 2;
	if (kind == 'x' || kind == 'u') {
		for (i = digits - 1; i >= 0; i--)
			u->cp[u->n++] = (uint32_t)hex[(value >> (4 * i)) & 0xf];
	}
	u->width = u->n;
}

/* The unit at s (len > 0). */
static void
unit_next(const char *text, size_t len, struct unit *u)
{
	const unsigned char *s = (const unsigned char *)text;
	uint32_t c;
	int w;

	/*
	 * An ill-formed sequence is consumed one byte at a time, each byte its
	 * own \xNN unit: that gives the same escapes as strbuf_append_visible,
	 * since every later byte of a maximal ill-formed subpart is a
	 * continuation byte.
	 */
	u->len = utf8_decode(text, len, &c);
	u->space = false;
	if (c == UTF8_INVALID) {
		u->len = 1;
		unit_escape(u, 'x', s[0], 2);
	} else if (c == '\n')
		unit_escape(u, 'n', 0, 0);
	else if (c == '\t')
		unit_escape(u, 't', 0, 0);
	else if (c == '\r')
		unit_escape(u, 'r', 0, 0);
	else if (c < 0x20 || c == 0x7f)
		unit_escape(u, 'x', c, 2);
	else if (must_escape(c))
		unit_escape(u, 'u', c, 4);
	else {
		w = char_width(c);
		u->cp[0] = c;
		u->n = w == 0 ? 0 : 1;
		u->width = w;
		u->space = c == ' ';
	}
}

/* ---- cells ---- */

static void
cell_blank(struct cell *cl, uint8_t style)
{
	cl->ch = ' ';
	cl->width = 1;
	cl->lines = 0;
	cl->style = style;
	cl->flags = 0;
}

/*
 * The cell at x, y about to be overwritten, or NULL outside.  When it is
 * half of a wide character, the other half becomes a space (in its own
 * style), so that no half character survives.
 */
static struct cell *
cell_take(struct canvas *c, int x, int y)
{
	struct cell *cl, *other;

	if ((cl = canvas_cell(c, x, y)) == NULL)
		return NULL;
	if (cl->width == 0 && (other = canvas_cell(c, x - 1, y)) != NULL &&
	    other->width == 2)
		cell_blank(other, other->style);
	else if (cl->width == 2 && (other = canvas_cell(c, x + 1, y)) != NULL &&
	    other->width == 0)
		cell_blank(other, other->style);
	return cl;
}

/* Writes one character of width w (1 or 2) at x, y; a wide one with a
 * half outside the canvas leaves a space in the half inside. */
static void
put_char(struct canvas *c, int x, int y, uint32_t ch, int w, uint8_t style)
{
	struct cell *cl, *right;

	if (w == 2 && x >= 0 && x < c->width - 1) {
		cl = cell_take(c, x, y);
		right = cell_take(c, x + 1, y);
		if (cl == NULL || right == NULL)
			return;
		cell_blank(cl, style);
		cl->ch = ch;
		cl->width = 2;
		cell_blank(right, style);
		right->width = 0;
		return;
	}
	if (w == 2) {
		/* Only one half is on the canvas. */
		if ((cl = cell_take(c, x < 0 ? x + 1 : x, y)) != NULL)
			cell_blank(cl, style);
		return;
	}
	if ((cl = cell_take(c, x, y)) == NULL)
		return;
	cell_blank(cl, style);
	cl->ch = ch;
}

/* Adds line directions to a cell: a cell holding text is replaced. */
static void
put_lines(struct canvas *c, int x, int y, uint8_t lines, uint8_t style)
{
	struct cell *cl;

	if ((cl = canvas_cell(c, x, y)) == NULL)
		return;
	if (cl->lines == 0) {
		if ((lines & LINE_DIRS) == 0)
			return;
		cl = cell_take(c, x, y);
		cell_blank(cl, style);
	}
	cl->lines |= lines;
	cl->style = style;
	cl->flags = 0;
}

/* A rectangle clipped to the canvas, as [x0, x1) x [y0, y1); false when
 * nothing of it is inside. */
static bool
clip_rect(const struct canvas *c, int x, int y, int w, int h, int *x0,
    int *y0, int *x1, int *y1)
{
	long long ex = (long long)x + w, ey = (long long)y + h;

	if (w <= 0 || h <= 0)
		return false;
	*x0 = x < 0 ? 0 : x;
	*y0 = y < 0 ? 0 : y;
	*x1 = ex > c->width ? c->width : (int)ex;
	*y1 = ey > c->height ? c->height : (int)ey;
	return *x0 < *x1 && *y0 < *y1;
}

/* ---- the canvas ---- */

struct canvas *
canvas_new(int width, int height, bool ascii)
{
	struct canvas *c;

	c = xcalloc(1, sizeof *c);
	c->ascii = ascii;
	canvas_reset(c, width, height);
	return c;
}

void
canvas_free(struct canvas *c)
{
	if (c == NULL)
		return;
	xfree(c->cells);
	xfree(c);
}

void
canvas_reset(struct canvas *c, int width, int height)
{
	size_t i, n;

	if (width < 0)
		width = 0;
	if (height < 0)
		height = 0;
	n = (size_t)width * (size_t)height;
	if (c->cells == NULL || width != c->width || height != c->height) {
		xfree(c->cells);
		c->cells = xcalloc(n == 0 ? 1 : n, sizeof *c->cells);
		c->width = width;
		c->height = height;
	}
	for (i = 0; i < n; i++)
		cell_blank(&c->cells[i], STYLE_NORMAL);
}

struct cell *
canvas_cell(struct canvas *c, int x, int y)
{
	if (x < 0 || y < 0 || x >= c->width || y >= c->height)
		return NULL;
	return &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
}

/* ---- text ---- */

/*
 * Draws text at x, y within limit columns: all of it when it fits, else
 * the units that fit in limit - 1 columns and an ellipsis.  c may be NULL
 * (to measure).  Returns the columns used.
 */
static int
draw_text(struct canvas *c, int x, int y, const char *text, size_t len,
    uint8_t style, int limit)
{
	struct unit u;
	size_t i, end = 0;
	int total = 0, col = 0, k;
	bool fits = true;

	if (limit <= 0)
		return 0;
	for (i = 0; i < len; i += u.len) {
		unit_next(text + i, len - i, &u);
		if (total + u.width > limit) {
			fits = false;
			break;
		}
		total += u.width;
		if (total <= limit - 1)
			end = i + u.len;
	}
	if (fits)
		end = len;
	for (i = 0; i < end; i += u.len) {
		unit_next(text + i, end - i, &u);
		for (k = 0; k < u.n; k++) {
			if (c != NULL)
				put_char(c, x + col, y, u.cp[k],
				    u.width / u.n, style);
			col += u.width / u.n;
		}
	}
	if (!fits) {
		if (c != NULL)
			put_char(c, x + col, y, c->ascii ? '~' : ELLIPSIS, 1,
			    style);
		col++;
	}
	return col;
}

/* Columns from x to the right edge, or to max_columns when nearer. */
static int
text_limit(const struct canvas *c, int x, int max_columns)
{
	long long room = (long long)c->width - x;

	if (max_columns < 0 || room <= 0)
		return 0;
	if (max_columns > 0 && max_columns < room)
		return max_columns;
	return room > INT_MAX ? INT_MAX : (int)room;
}

int
canvas_text(struct canvas *c, int x, int y, const char *text, size_t len,
    enum canvas_style style, int max_columns)
{
	if (text == NULL)
		return 0;
	return draw_text(c, x, y, text, len, (uint8_t)style,
	    text_limit(c, x, max_columns));
}

int
canvas_puts(struct canvas *c, int x, int y, const char *text,
    enum canvas_style style)
{
	if (text == NULL)
		return 0;
	return canvas_text(c, x, y, text, strlen(text), style, 0);
}

int
canvas_text_width(const char *text, size_t len)
{
	struct unit u;
	size_t i;
	long long total = 0;

	if (text == NULL)
		return 0;
	for (i = 0; i < len; i += u.len) {
		unit_next(text + i, len - i, &u);
		total += u.width;
	}
	return total > INT_MAX ? INT_MAX : (int)total;
}

/*
 * Wraps one paragraph (no newline in text[p..pend)) greedily: a line ends
 * at the last run of spaces that lets it fit, the spaces dropped; a word
 * longer than a whole line starts a line of its own and is broken where it
 * fills it; a single unit wider than a line (an escape, or a wide character
 * in a line of one column) gets a line of its own, clipped with an
 * ellipsis.  Spaces that start the paragraph are kept (indentation).
 * Draws the lines numbered below max_lines; returns how many it made.
 */
static int
wrap_paragraph(struct canvas *c, int x, int y, int width, int max_lines,
    int first_line, const char *s, size_t p, size_t pend, uint8_t style)
{
	struct unit u;
	size_t start = p, pos, end, next, brk = 0, resume = 0, run = 0;
	int col, lines = 0, limit, line;
	bool have_brk, in_space;

	for (;;) {
		if (lines > 0) {
			while (start < pend && s[start] == ' ')
				start++;
			if (start == pend)
				break;
		}
		pos = start;
		col = 0;
		have_brk = in_space = false;
		end = next = pend;
		while (pos < pend) {
			unit_next(s + pos, pend - pos, &u);
			if (u.space) {
				if (!in_space)
					run = pos;
				in_space = true;
			} else {
				if (in_space && run > start) {
					have_brk = true;
					brk = run;
					resume = pos;
				}
				in_space = false;
			}
			if (col + u.width > width) {
				if (u.space) {
					end = run > start ? run : pos;
					next = pos;
				} else if (have_brk) {
					end = brk;
					next = resume;
				} else if (col == 0) {
					end = next = pos + u.len;
				} else
					end = next = pos;
				break;
			}
			col += u.width;
			pos += u.len;
		}
		line = first_line + lines;
		if (c != NULL && line < max_lines && (long long)y + line <
		    c->height) {
			limit = text_limit(c, x, width);
			draw_text(c, x, y + line, s + start, end - start,
			    style, limit);
		}
		lines++;
		if (next >= pend || lines == INT_MAX - first_line)
			break;
		start = next;
	}
	return lines;
}

int
canvas_wrap(struct canvas *c, int x, int y, int width, int max_lines,
    const char *text, size_t len, enum canvas_style style)
{
	const char *nl;
	size_t p = 0, pend;
	int lines = 0;

	if (text == NULL || width <= 0)
		return 0;
	while (p < len && lines < INT_MAX) {
		nl = memchr(text + p, '\n', len - p);
		pend = nl != NULL ? (size_t)(nl - text) : len;
		lines += wrap_paragraph(c, x, y, width, max_lines, lines, text,
		    p, pend, (uint8_t)style);
		p = nl != NULL ? pend + 1 : len;
	}
	return lines;
}

/* ---- styles and rectangles ---- */

void
canvas_paint(struct canvas *c, int x, int y, int w, int h,
    enum canvas_style style, uint8_t flags)
{
	int x0, y0, x1, y1, i, j;
	struct cell *cl;

	if (!clip_rect(c, x, y, w, h, &x0, &y0, &x1, &y1))
		return;
	for (j = y0; j < y1; j++) {
		for (i = x0; i < x1; i++) {
			cl = canvas_cell(c, i, j);
			cl->style = (uint8_t)style;
			cl->flags = flags;
		}
	}
}

void
canvas_fill(struct canvas *c, int x, int y, int w, int h,
    enum canvas_style style)
{
	int x0, y0, x1, y1, i, j;

	if (!clip_rect(c, x, y, w, h, &x0, &y0, &x1, &y1))
		return;
	for (j = y0; j < y1; j++) {
		for (i = x0; i < x1; i++)
			cell_blank(cell_take(c, i, j), (uint8_t)style);
	}
}

/* ---- lines ---- */

/* A run of line cells: each end gets only the direction pointing inwards,
 * so that it merges into what it meets (a side becomes ├, a line ┼). */
static void
hline(struct canvas *c, int x0, int x1, int y, uint8_t style, uint8_t heavy)
{
	int t, x, from, to;
	uint8_t m;

	if (x0 > x1) {
		t = x0;
		x0 = x1;
		x1 = t;
	}
	if (y < 0 || y >= c->height || x1 < 0 || x0 >= c->width)
		return;
	from = x0 < 0 ? 0 : x0;
	to = x1 >= c->width ? c->width - 1 : x1;
	for (x = from; x <= to; x++) {
		if (x0 == x1)
			m = LINE_LEFT | LINE_RIGHT;
		else if (x == x0)
			m = LINE_RIGHT;
		else if (x == x1)
			m = LINE_LEFT;
		else
			m = LINE_LEFT | LINE_RIGHT;
		put_lines(c, x, y, m | heavy, style);
	}
}

static void
vline(struct canvas *c, int x, int y0, int y1, uint8_t style, uint8_t heavy)
{
	int t, y, from, to;
	uint8_t m;

	if (y0 > y1) {
		t = y0;
		y0 = y1;
		y1 = t;
	}
	if (x < 0 || x >= c->width || y1 < 0 || y0 >= c->height)
		return;
	from = y0 < 0 ? 0 : y0;
	to = y1 >= c->height ? c->height - 1 : y1;
	for (y = from; y <= to; y++) {
		if (y0 == y1)
			m = LINE_UP | LINE_DOWN;
		else if (y == y0)
			m = LINE_DOWN;
		else if (y == y1)
			m = LINE_UP;
		else
			m = LINE_UP | LINE_DOWN;
		put_lines(c, x, y, m | heavy, style);
	}
}

/* The far corner of a box, kept in range of an int (it is off the canvas
 * then anyway). */
static int
far_end(int from, int size)
{
	long long end = (long long)from + size - 1;

	return end > INT_MAX ? INT_MAX : (int)end;
}

void
canvas_box(struct canvas *c, int x, int y, int w, int h,
    enum canvas_style style, bool heavy)
{
	uint8_t st = (uint8_t)style, hv = heavy ? LINE_HEAVY : 0;
	int x1, y1;

	if (w <= 0 || h <= 0)
		return;
	x1 = far_end(x, w);
	y1 = far_end(y, h);
	/* A box of one row or one column is drawn as a line. */
	if (h == 1) {
		hline(c, x, x1, y, st, hv);
		return;
	}
	if (w == 1) {
		vline(c, x, y, y1, st, hv);
		return;
	}
	hline(c, x, x1, y, st, hv);
	hline(c, x, x1, y1, st, hv);
	vline(c, x, y, y1, st, hv);
	vline(c, x1, y, y1, st, hv);
}

void
canvas_line_cell(struct canvas *c, int x, int y, uint8_t lines,
    enum canvas_style style)
{
	put_lines(c, x, y, lines & (LINE_DIRS | LINE_HEAVY), (uint8_t)style);
}

void
canvas_hline(struct canvas *c, int x0, int x1, int y, enum canvas_style style)
{
	hline(c, x0, x1, y, (uint8_t)style, 0);
}

void
canvas_vline(struct canvas *c, int x, int y0, int y1, enum canvas_style style)
{
	vline(c, x, y0, y1, (uint8_t)style, 0);
}

void
canvas_hline_dashed(struct canvas *c, int x0, int x1, int y,
    enum canvas_style style)
{
	hline(c, x0, x1, y, (uint8_t)style, LINE_DASHED);
}

void
canvas_vline_dashed(struct canvas *c, int x, int y0, int y1,
    enum canvas_style style)
{
	vline(c, x, y0, y1, (uint8_t)style, LINE_DASHED);
}

void
canvas_arrow(struct canvas *c, int x, int y, uint8_t direction,
    enum canvas_style style)
{
	uint32_t ch;

	switch (direction) {
	case LINE_UP:
		ch = c->ascii ? '^' : 0x25b2;	/* ▲ */
		break;
	case LINE_DOWN:
		ch = c->ascii ? 'v' : 0x25bc;	/* ▼ */
		break;
	case LINE_LEFT:
		ch = c->ascii ? '<' : 0x25c0;	/* ◀ */
		break;
	case LINE_RIGHT:
		ch = c->ascii ? '>' : 0x25b6;	/* ▶ */
		break;
	default:
		return;
	}
	put_char(c, x, y, ch, 1, (uint8_t)style);
}

void
canvas_marker(struct canvas *c, int x, int y, uint8_t direction,
    enum canvas_style style)
{
	uint32_t ch;

	switch (direction) {
	case LINE_UP:
		ch = c->ascii ? '^' : 0x25b4;	/* ▴ */
		break;
	case LINE_DOWN:
		ch = c->ascii ? 'v' : 0x25be;	/* ▾ */
		break;
	case LINE_LEFT:
		ch = c->ascii ? '<' : 0x25c2;	/* ◂ */
		break;
	case LINE_RIGHT:
		ch = c->ascii ? '>' : 0x25b8;	/* ▸ */
		break;
	default:
		return;
	}
	put_char(c, x, y, ch, 1, (uint8_t)style);
}

/* ---- glyphs and text output ---- */

/* ASCII for the few non-ASCII characters refscope itself draws (and a
 * scenario may well use); '?' for the rest. */
static uint32_t
ascii_fallback(uint32_t ch)
{
	switch (ch) {
	case 0x00a0:		/* no-break space */
		return ' ';
	case 0x00b7:		/* · */
		return '.';
	case 0x00d7:		/* × */
		return 'x';
	case 0x2013:		/* – */
	case 0x2014:		/* — */
	case 0x2212:		/* − */
		return '-';
	case 0x2018:		/* ‘ */
	case 0x2019:		/* ’ */
		return '\'';
	case 0x201c:		/* “ */
	case 0x201d:		/* ” */
		return '"';
	case 0x2022:		/* • */
		return '*';
	case ELLIPSIS:
		return '~';
	case 0x2190:		/* ← */
	case 0x25c0:		/* ◀ */
		return '<';
	case 0x2192:		/* → */
	case 0x25b6:		/* ▶ */
		return '>';
	case 0x2191:		/* ↑ */
	case 0x25b2:		/* ▲ */
	case 0x25b4:		/* ▴ */
		return '^';
	case 0x2193:		/* ↓ */
	case 0x25bc:		/* ▼ */
	case 0x25be:		/* ▾ */
		return 'v';
	case 0x2500:		/* ─ */
	case 0x2501:		/* ━ */
		return '-';
	case 0x2502:		/* │ */
	case 0x2503:		/* ┃ */
		return '|';
	case 0x25cf:		/* ● a reference's origin */
		return '*';
	case 0x25cb:		/* ○ */
	case 0x25e6:		/* ◦ */
		return 'o';
	case 0x2588:		/* █ */
	case 0x2593:		/* ▓ */
		return '#';
	case 0x2591:		/* ░ */
	case 0x2592:		/* ▒ */
		return ':';
	case 0x25b8:		/* ▸ */
	case 0x25ba:		/* ► */
		return '>';
	case 0x25c2:		/* ◂ */
	case 0x25c4:		/* ◄ */
		return '<';
	case 0x2713:		/* ✓ */
		return '+';
	case 0x2717:		/* ✗ */
		return 'x';
	}
	if (ch >= 0x2504 && ch <= 0x257f)	/* the other box drawing */
		return '+';
	return '?';
}

/* A narrow cell's character as it may be printed. */
static uint32_t
narrow_glyph(const struct canvas *c, uint32_t ch)
{
	if (!char_printable(ch) || char_width(ch) != 1)
		return '?';
	if (c->ascii && ch >= 0x80)
		return ascii_fallback(ch);
	return ch;
}

/* Whether head is the left half of an intact wide character, right its
 * neighbour (NULL at the edge). */
static bool
wide_pair(const struct cell *head, const struct cell *right)
{
	return head->width == 2 && head->lines == 0 && right != NULL &&
	    right->width == 0 && right->lines == 0 &&
	    char_printable(head->ch) && char_width(head->ch) == 2;
}

uint32_t
canvas_glyph(const struct canvas *c, const struct cell *cell)
{
	const struct cell *left = NULL, *right = NULL;
	size_t n = (size_t)c->width * (size_t)c->height, i;
	uint8_t m = cell->lines & LINE_DIRS;

	if (m != 0) {
		/* a weak reference: dashed where it runs straight */
		if ((cell->lines & LINE_DASHED) && (m & (LINE_UP |
		    LINE_DOWN)) == 0)
			return c->ascii ? '.' : 0x2504;	/* ┄ */
		if ((cell->lines & LINE_DASHED) && (m & (LINE_LEFT |
		    LINE_RIGHT)) == 0)
			return c->ascii ? ':' : 0x2506;	/* ┆ */
		if (c->ascii) {
			if ((m & (LINE_UP | LINE_DOWN)) == 0)
				return '-';
			if ((m & (LINE_LEFT | LINE_RIGHT)) == 0)
				return '|';
			return '+';
		}
		return (cell->lines & LINE_HEAVY ? heavy_glyphs :
		    light_glyphs)[m];
	}
	if (cell->lines != 0)
		return ' ';
	/* Neighbours, when the cell is one of c's (it always is, unless a
	 * caller passes a copy). */
	if (n != 0 && cell >= c->cells && cell < c->cells + n) {
		i = (size_t)(cell - c->cells);
		if (i % (size_t)c->width != 0)
			left = cell - 1;
		if (i % (size_t)c->width != (size_t)c->width - 1)
			right = cell + 1;
	}
	if (cell->width == 0) {
		if (left != NULL && wide_pair(left, cell))
			return c->ascii ? '?' : 0;
		return ' ';
	}
	if (cell->width == 2 && wide_pair(cell, right))
		return c->ascii ? '?' : cell->ch;
	return narrow_glyph(c, cell->ch);
}

/* Whether the SGR parameter list sgr holds the parameter p. */
static bool
has_param(const char *sgr, const char *p)
{
	size_t n = strlen(p);

	while (*sgr != '\0') {
		if (strncmp(sgr, p, n) == 0 && (sgr[n] == ';' || sgr[n] == '\0'))
			return true;
		sgr += strcspn(sgr, ";");
		if (*sgr == ';')
			sgr++;
	}
	return false;
}

/* The SGR parameters a cell is printed with ("" for the terminal's
 * default): its style's, and bold or reverse from its flags. */
static void
cell_sgr(const struct cell *cell, char buf[32])
{
	const char *sgr = theme[cell->style < CANVAS_STYLE_COUNT ?
	    cell->style : STYLE_NORMAL].sgr;
	size_t n;

	n = strlen(sgr);	/* at most 7, see theme */
	memcpy(buf, sgr, n + 1);
	if ((cell->flags & CELL_BOLD) && !has_param(sgr, "1")) {
		memcpy(buf + n, n == 0 ? "1" : ";1", n == 0 ? 2 : 3);
		n = strlen(buf);
	}
	if ((cell->flags & CELL_REVERSE) && !has_param(sgr, "7"))
		memcpy(buf + n, n == 0 ? "7" : ";7", n == 0 ? 2 : 3);
}

/* Whether a cell shows nothing at the end of a line, where it is trimmed:
 * a space, unless (in colour) its style shows on a space. */
static bool
cell_trailing_blank(const struct canvas *c, const struct cell *cell,
    bool ansi)
{
	if (canvas_glyph(c, cell) != ' ')
		return false;
	if (!ansi)
		return true;
	if (cell->flags & CELL_REVERSE)
		return false;
	return !theme[cell->style < CANVAS_STYLE_COUNT ? cell->style :
	    STYLE_NORMAL].background;
}

void
canvas_row_to_text(const struct canvas *c, int y, bool ansi,
    struct strbuf *out)
{
	const struct cell	*row = c->cells + (size_t)y * (size_t)c->width;
	const struct cell	*prev = NULL;
	char			 cur[32], sgr[32];
	int			 x, last;
	uint32_t		 g;

	for (last = c->width - 1; last >= 0; last--) {
		if (!cell_trailing_blank(c, &row[last], ansi))
			break;
	}
	cur[0] = '\0';
	for (x = 0; x <= last; x++) {
		if ((g = canvas_glyph(c, &row[x])) == 0)
			continue;	/* covered by its left half */
		/* (a cell looks like the one before it: no new SGR) */
		if (ansi && (prev == NULL || row[x].style != prev->style ||
		    row[x].flags != prev->flags)) {
			prev = &row[x];
			cell_sgr(&row[x], sgr);
			if (strcmp(sgr, cur) != 0) {
				strbuf_printf(out, "\033[0%s%sm",
				    sgr[0] != '\0' ? ";" : "", sgr);
				memcpy(cur, sgr, sizeof cur);
			}
		}
		utf8_put(out, g);
	}
	if (cur[0] != '\0')
		strbuf_puts(out, "\033[0m");
}

void
canvas_to_text(const struct canvas *c, bool ansi, struct strbuf *out)
{
	for (int y = 0; y < c->height; y++) {
		canvas_row_to_text(c, y, ansi, out);
		strbuf_putc(out, '\n');
	}
}
