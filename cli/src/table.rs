//! How a table fits a terminal: its [`Column`]s, how each may be shortened, and the widths
//! that make the whole table fit ([`fit`]).
//!
//! A table on a terminal must fit its width (80 columns when the terminal does not say).
//! The columns that hold long values say how they may be shortened: ids keep their start
//! and end (`0b6f2c…d4bed`, [`Shorten::Middle`]), free text keeps its start
//! (`backend answered 5…`, [`Shorten::End`]). The columns marked [`Column::optional`] give
//! way first: they are shortened before the others, and left out (the highest rank first)
//! while the others could not keep [`READABLE`] columns each (or their whole values) beside
//! them. Piped output and `--json` never go through this: they keep every column and whole
//! values.

use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// The narrowest a shortened value gets (unless its header is wider): `0b6f…bed`.
pub const MIN_SHORTENED: usize = 8;
/// The room a column that is always shown gets before optional columns get any.
pub const READABLE: usize = 20;

/// How a column's values may be shortened to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shorten {
    /// Never: the values are short by nature (counts, states, relative times).
    Never,
    /// Keep the start and the end, `…` between: ids, whose both ends tell them apart.
    Middle,
    /// Keep the start, `…` at the end: free text.
    End,
}

/// One column of a table: its header, how its values shorten, and whether it may be left
/// out on a narrow terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<'a> {
    /// The header, shown on a terminal.
    pub header: &'a str,
    /// How its values may be shortened.
    pub shorten: Shorten,
    /// `0`: always shown; otherwise it may be left out, higher ranks first.
    pub drop_rank: u8,
}

impl<'a> Column<'a> {
    /// A column whose values are never shortened.
    pub const fn new(header: &'a str) -> Self {
        Self {
            header,
            shorten: Shorten::Never,
            drop_rank: 0,
        }
    }

    /// A column of ids, shortened in the middle.
    pub const fn id(header: &'a str) -> Self {
        Self {
            shorten: Shorten::Middle,
            ..Self::new(header)
        }
    }

    /// A column of free text, shortened at the end.
    pub const fn text(header: &'a str) -> Self {
        Self {
            shorten: Shorten::End,
            ..Self::new(header)
        }
    }

    /// This column, left out when the table cannot fit otherwise; the highest `rank` goes
    /// first.
    pub const fn optional(self, rank: u8) -> Self {
        Self {
            drop_rank: rank,
            ..self
        }
    }

    /// The narrowest this column may get, given the natural width of its widest value.
    fn min_width(&self, natural: usize) -> usize {
        match self.shorten {
            Shorten::Never => natural,
            Shorten::Middle | Shorten::End => natural.min(self.header.width().max(MIN_SHORTENED)),
        }
    }

    /// The room this column asks for before optional columns are shown: an optional one
    /// its narrowest, another one [`READABLE`] columns (or its whole width, or its
    /// narrowest when that is wider).
    fn wanted_width(&self, natural: usize) -> usize {
        let min = self.min_width(natural);
        if self.drop_rank > 0 {
            min
        } else {
            natural.min(min.max(READABLE))
        }
    }
}

/// The width a bordered table (`│ a │ b │`) spends on its `n` columns' borders and padding.
pub fn overhead(n: usize) -> usize {
    3 * n + 1
}

/// The display width of `text` in a terminal (wide characters count two).
pub fn width(text: &str) -> usize {
    text.width()
}

/// The width each column gets in a table `total` columns wide, given the natural width of
/// each (its widest value or header); `None` for a column left out. When nothing can be
/// shortened or left out any more, the widths may still add up to more than `total`
/// (the table then wraps).
pub fn fit(columns: &[Column<'_>], natural: &[usize], total: usize) -> Vec<Option<usize>> {
    let mins: Vec<usize> = columns
        .iter()
        .zip(natural)
        .map(|(c, n)| c.min_width(*n))
        .collect();
    let wanted: Vec<usize> = columns
        .iter()
        .zip(natural)
        .map(|(c, n)| c.wanted_width(*n))
        .collect();
    let mut shown: Vec<bool> = vec![true; columns.len()];
    loop {
        let count = shown.iter().filter(|s| **s).count();
        let needed: usize = wanted
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(m, _)| m)
            .sum::<usize>()
            + overhead(count);
        if needed <= total {
            break;
        }
        let next = (0..columns.len())
            .filter(|&i| shown[i] && columns[i].drop_rank > 0)
            .max_by_key(|&i| (columns[i].drop_rank, i));
        match next {
            Some(i) => shown[i] = false,
            None => break,
        }
    }
    let mut widths: Vec<Option<usize>> = natural
        .iter()
        .zip(&shown)
        .map(|(n, s)| s.then_some(*n))
        .collect();
    let count = shown.iter().filter(|s| **s).count();
    let mut used: usize = widths.iter().flatten().sum::<usize>() + overhead(count);
    // Shorten one character at a time until it fits: the widest optional column first, then
    // the widest of the others.
    while used > total {
        let widest = (0..columns.len())
            .filter(|&i| widths[i].is_some_and(|w| w > mins[i]))
            .max_by_key(|&i| (columns[i].drop_rank > 0, widths[i], std::cmp::Reverse(i)));
        let Some(i) = widest else { break };
        widths[i] = widths[i].map(|w| w - 1);
        used -= 1;
    }
    widths
}

/// `text` shortened to at most `max` display columns as `how` says, with `…` where it was
/// cut; as it is when it fits.
pub fn shorten(text: &str, max: usize, how: Shorten) -> String {
    if width(text) <= max || how == Shorten::Never || max == 0 {
        return text.to_owned();
    }
    let budget = max - 1; // the ellipsis takes one column
    let take = |chars: &mut dyn Iterator<Item = char>, room: usize| {
        let mut taken = Vec::new();
        let mut used = 0;
        for c in chars {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            taken.push(c);
        }
        taken
    };
    match how {
        Shorten::End => {
            let head: String = take(&mut text.chars(), budget).into_iter().collect();
            format!("{head}…")
        }
        _ => {
            let tail_room = budget / 2;
            let head: String = take(&mut text.chars(), budget - tail_room)
                .into_iter()
                .collect();
            let tail: String = take(&mut text.chars().rev(), tail_room)
                .into_iter()
                .rev()
                .collect();
            format!("{head}…{tail}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_both_ends_and_text_its_start() {
        let id = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
        assert_eq!(shorten(id, 13, Shorten::Middle), "1b9d6b…bd4bed");
        assert_eq!(shorten(id, 8, Shorten::Middle), "1b9d…bed");
        assert_eq!(shorten(id, 36, Shorten::Middle), id);
        assert_eq!(
            shorten("backend answered 500", 10, Shorten::End),
            "backend a…"
        );
        assert_eq!(shorten("short", 10, Shorten::End), "short");
        assert_eq!(shorten("exactly-10", 10, Shorten::End), "exactly-10");
        assert_eq!(shorten("ünïcödé-and-more", 8, Shorten::End), "ünïcödé…");
        assert_eq!(shorten("", 5, Shorten::End), "");
        assert_eq!(shorten("never cut", 3, Shorten::Never), "never cut");
        // Wide characters count two columns.
        assert_eq!(shorten("中文中文中文", 7, Shorten::End), "中文中…");
        assert_eq!(width(&shorten("中文中文中文", 6, Shorten::Middle)), 5);
        for max in 1..12 {
            assert!(width(&shorten(id, max, Shorten::Middle)) <= max, "{max}");
            assert!(width(&shorten(id, max, Shorten::End)) <= max, "{max}");
        }
    }

    #[test]
    fn a_table_that_fits_is_left_alone() {
        let columns = [Column::id("ID"), Column::new("STATE")];
        assert_eq!(fit(&columns, &[10, 7], 80), [Some(10), Some(7)]);
    }

    #[test]
    fn the_widest_shortenable_columns_give_way_first() {
        let columns = [
            Column::id("USER ID"),
            Column::new("DURATION"),
            Column::id("SESSION ID"),
        ];
        let widths = fit(&columns, &[30, 8, 36], 50);
        // 50 - 10 of borders = 40 for the values: the id columns share what DURATION leaves.
        assert_eq!(widths, [Some(16), Some(8), Some(16)]);
        let total: usize = widths.iter().flatten().sum::<usize>() + overhead(3);
        assert_eq!(total, 50);
    }

    #[test]
    fn optional_columns_give_way_first_then_go() {
        let columns = [
            Column::id("USER ID"),
            Column::id("LAB GROUP").optional(1),
            Column::new("EXPIRES"),
            Column::id("MASTER VM").optional(2),
        ];
        let natural = [20, 20, 15, 20];
        // Room for USER ID whole and both optional columns at their narrowest (9 + 9):
        // only the optional ones are shortened.
        assert_eq!(
            fit(&columns, &natural, 66),
            [Some(20), Some(9), Some(15), Some(9)]
        );
        // Less: MASTER VM (rank 2) goes first, then LAB GROUP, before USER ID would be cut.
        assert_eq!(
            fit(&columns, &natural, 54),
            [Some(20), Some(9), Some(15), None]
        );
        assert_eq!(
            fit(&columns, &natural, 53),
            [Some(20), None, Some(15), None]
        );
        // Far too narrow: what is left is as short as it gets.
        assert_eq!(fit(&columns, &natural, 20), [Some(8), None, Some(15), None]);
    }
}
