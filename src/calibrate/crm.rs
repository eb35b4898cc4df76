//! Reading a CRM opportunities export (CSV), streaming, with a column mapping: every row
//! becomes a compact [`Row`]; rows that cannot be used are skipped, counted by reason and
//! reported with their line and column; what makes the whole file unusable is an error.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::CalibrateError;
use super::fit::parse_date;
use crate::scenario::suggestion;

/// What a column of the export means to the calibration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Opportunity identifier (used in messages only).
    Id,
    /// The seller who owns the opportunity.
    Owner,
    /// The customer account.
    Account,
    /// The product sold (one simulated segment per product).
    Product,
    /// Pipeline stage: a name containing "won" or "lost" is closed, anything else open.
    Stage,
    /// Date the opportunity was engaged (created, for exports that only have that).
    EngageDate,
    /// Date it was won or lost.
    CloseDate,
    /// Signed value of a won deal.
    Value,
}

impl Field {
    /// Every field, in column-report order.
    pub const ALL: [Field; 8] = [
        Field::Id,
        Field::Owner,
        Field::Account,
        Field::Product,
        Field::Stage,
        Field::EngageDate,
        Field::CloseDate,
        Field::Value,
    ];

    /// The name used by `--map COLUMN=FIELD`.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Owner => "owner",
            Field::Account => "account",
            Field::Product => "product",
            Field::Stage => "stage",
            Field::EngageDate => "engage_date",
            Field::CloseDate => "close_date",
            Field::Value => "value",
        }
    }

    /// A field the calibration cannot do without.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Owner | Field::Stage | Field::EngageDate | Field::CloseDate | Field::Value
        )
    }

    /// Column names recognised without `--map` (compared case-insensitively, ignoring spaces
    /// and underscores): the public CRM sample's first, then Salesforce's and HubSpot's.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "opportunity_id",
                "opportunity id",
                "record id",
                "deal id",
                "id",
            ],
            Field::Owner => &[
                "sales_agent",
                "opportunity owner",
                "owner",
                "deal owner",
                "hubspot owner",
            ],
            Field::Account => &[
                "account",
                "account name",
                "associated company",
                "company name",
            ],
            Field::Product => &["product", "product name", "product family"],
            Field::Stage => &["deal_stage", "stage", "deal stage"],
            Field::EngageDate => &["engage_date", "created date", "create date", "createdate"],
            Field::CloseDate => &["close_date", "close date", "closedate"],
            Field::Value => &["close_value", "amount", "deal amount", "value"],
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Outcome of an opportunity as the export records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Won (close date and value known).
    Won,
    /// Lost (close date known).
    Lost,
    /// Still open at the export date.
    Open,
}

/// One usable opportunity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    /// Index into [`Crm::owners`].
    pub owner: u32,
    /// Index into [`Crm::products`].
    pub product: u32,
    /// Won, lost or open.
    pub outcome: Outcome,
    /// Engage date (days since 1970-01-01); None for an open opportunity not engaged yet.
    pub engage: Option<i64>,
    /// Close date of a won or lost opportunity.
    pub close: Option<i64>,
    /// Signed value of a won opportunity (0 otherwise).
    pub value: f64,
}

/// Rows skipped for one reason: how many, and the first few with their line and column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Skipped {
    /// Rows skipped for this reason.
    pub count: u64,
    /// Up to [`Skipped::EXAMPLES`] messages naming line and column.
    pub examples: Vec<String>,
}

impl Skipped {
    /// Examples kept per reason.
    pub const EXAMPLES: usize = 3;
}

/// An export, read.
#[derive(Clone, Debug, Default)]
pub struct Crm {
    /// The usable rows.
    pub rows: Vec<Row>,
    /// Owner names by index, in order of first appearance.
    pub owners: Vec<String>,
    /// Product names by index, in order of first appearance ("all" without a product column).
    pub products: Vec<String>,
    /// Open opportunities by their stage name.
    pub open_stages: BTreeMap<String, u64>,
    /// Data rows read (usable or not).
    pub rows_read: u64,
    /// Skipped rows by reason.
    pub skipped: BTreeMap<&'static str, Skipped>,
    /// Which column each field was read from.
    pub columns: BTreeMap<Field, String>,
}

/// `--map COLUMN=FIELD` arguments, parsed.
pub fn parse_maps(args: &[String]) -> Result<Vec<(String, Field)>, CalibrateError> {
    let names = Field::ALL.map(Field::name);
    args.iter()
        .map(|a| {
            let (column, field) = a.rsplit_once('=').ok_or_else(|| CalibrateError::Map {
                arg: a.clone(),
                reason: "expected COLUMN=FIELD, e.g. `Amount=value`".into(),
            })?;
            let field = Field::from_name(field.trim()).ok_or_else(|| CalibrateError::Map {
                arg: a.clone(),
                reason: format!(
                    "unknown field `{}`{}; fields: {}",
                    field.trim(),
                    suggestion(field.trim(), names),
                    names.join(", ")
                ),
            })?;
            Ok((column.trim().to_owned(), field))
        })
        .collect::<Result<Vec<_>, _>>()
        .and_then(|maps| {
            // Two columns for one field would silently keep one of them.
            for (i, (column, field)) in maps.iter().enumerate() {
                if let Some((first, _)) = maps[..i].iter().find(|(_, f)| f == field) {
                    return Err(CalibrateError::Map {
                        arg: format!("{column}={}", field.name()),
                        reason: format!(
                            "`{}` is already mapped from column `{first}`; map each field once",
                            field.name()
                        ),
                    });
                }
            }
            Ok(maps)
        })
}

fn normalise(column: &str) -> String {
    column
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Column index of every field: `--map` first, then the known aliases.
fn locate(
    path: &Path,
    headers: &csv::StringRecord,
    maps: &[(String, Field)],
) -> Result<BTreeMap<Field, usize>, CalibrateError> {
    let found: Vec<String> = headers.iter().map(normalise).collect();
    let mut at = BTreeMap::new();
    for (column, field) in maps {
        let Some(i) = found.iter().position(|h| *h == normalise(column)) else {
            return Err(CalibrateError::MissingColumn {
                path: path.to_owned(),
                field: field.name(),
                tried: vec![column.clone()],
                found: headers.iter().map(str::to_owned).collect(),
            });
        };
        at.insert(*field, i);
    }
    for field in Field::ALL {
        if at.contains_key(&field) {
            continue;
        }
        let hit = field
            .aliases()
            .iter()
            .find_map(|a| found.iter().position(|h| *h == normalise(a)));
        match hit {
            Some(i) => {
                at.insert(field, i);
            }
            None if field.required() => {
                return Err(CalibrateError::MissingColumn {
                    path: path.to_owned(),
                    field: field.name(),
                    tried: field.aliases().iter().map(|s| (*s).to_owned()).collect(),
                    found: headers.iter().map(str::to_owned).collect(),
                });
            }
            None => {}
        }
    }
    Ok(at)
}

/// A number as exports write it: optional currency sign, thousands separators as spaces.
fn parse_amount(text: &str) -> Option<f64> {
    let t: String = text
        .trim()
        .trim_start_matches(['$', '€', '£'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn classify(stage: &str) -> Outcome {
    let s = stage.to_lowercase();
    if s.contains("won") {
        Outcome::Won
    } else if s.contains("lost") {
        Outcome::Lost
    } else {
        Outcome::Open
    }
}

struct Interner {
    index: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn new() -> Self {
        Interner {
            index: HashMap::new(),
            names: Vec::new(),
        }
    }

    fn get(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.index.insert(name.to_owned(), i);
        self.names.push(name.to_owned());
        i
    }
}

/// Largest CSV read (8,800 opportunities take 600 kB; this is millions of rows).
const MAX_CSV_BYTES: u64 = 1 << 30;

/// Open a CSV input: a regular file (it is read twice when a row is reported, which a pipe
/// cannot be) of at most [`MAX_CSV_BYTES`].
fn open_csv(path: &Path) -> Result<std::fs::File, CalibrateError> {
    crate::scenario::regular_file(path, MAX_CSV_BYTES).map_err(|source| CalibrateError::Io {
        path: path.to_owned(),
        source,
    })
}

/// Read the export at `path` with `maps` (streaming; the file is only read).
pub fn read(path: &Path, maps: &[(String, Field)]) -> Result<Crm, CalibrateError> {
    let file = open_csv(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(std::io::BufReader::with_capacity(1 << 16, file));
    let headers = reader.headers().map_err(|e| csv_error(path, e))?.clone();
    if headers.is_empty() || headers.iter().all(|h| h.trim().is_empty()) {
        return Err(CalibrateError::Empty {
            path: path.to_owned(),
        });
    }
    let at = locate(path, &headers, maps)?;
    let mut crm = Crm {
        columns: at
            .iter()
            .map(|(f, i)| (*f, headers[*i].trim().to_owned()))
            .collect(),
        ..Crm::default()
    };
    let mut owners = Interner::new();
    let mut products = Interner::new();
    let mut record = csv::StringRecord::new();
    // Where each kept row starts in the file, for the far-date check after the read.
    let mut starts: Vec<u64> = Vec::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, e)),
        }
        crm.rows_read += 1;
        let start = record.position().map_or(0, csv::Position::byte);
        let cell = |f: Field| {
            at.get(&f)
                .map_or("", |i| record.get(*i).unwrap_or("").trim())
        };
        let mut skip = |reason: &'static str, f: Field, detail: String| {
            let entry = crm.skipped.entry(reason).or_default();
            entry.count += 1;
            if entry.examples.len() < Skipped::EXAMPLES {
                let id = cell(Field::Id);
                let id = if id.is_empty() {
                    String::new()
                } else {
                    format!(" (opportunity {id})")
                };
                // The line is filled in after the read (see `number_lines`).
                entry.examples.push(format!(
                    "{start}\u{0}, column `{}`{id}: {detail}",
                    crm.columns.get(&f).map_or(f.name(), String::as_str)
                ));
            }
        };
        let owner = cell(Field::Owner);
        if owner.is_empty() {
            skip("no owner", Field::Owner, "empty".into());
            continue;
        }
        let stage = cell(Field::Stage);
        if stage.is_empty() {
            skip("no stage", Field::Stage, "empty".into());
            continue;
        }
        let outcome = classify(stage);
        let engage_text = cell(Field::EngageDate);
        let engage = if engage_text.is_empty() {
            None
        } else {
            match parse_date(engage_text) {
                Some(d) => Some(d),
                None => {
                    skip(
                        "unreadable engage date",
                        Field::EngageDate,
                        format!("`{engage_text}` is not a date (expected YYYY-MM-DD)"),
                    );
                    continue;
                }
            }
        };
        let mut close = None;
        let mut value = 0.0;
        if outcome != Outcome::Open {
            let Some(engaged) = engage else {
                skip(
                    "closed without engage date",
                    Field::EngageDate,
                    format!("empty, but the stage is `{stage}`"),
                );
                continue;
            };
            let close_text = cell(Field::CloseDate);
            let Some(closed) = parse_date(close_text) else {
                skip(
                    "unreadable close date",
                    Field::CloseDate,
                    format!("`{close_text}` is not a date (expected YYYY-MM-DD)"),
                );
                continue;
            };
            if closed < engaged {
                skip(
                    "close date before engage date",
                    Field::CloseDate,
                    format!("{close_text} is before the engage date {engage_text}"),
                );
                continue;
            }
            close = Some(closed);
            if outcome == Outcome::Won {
                let value_text = cell(Field::Value);
                match parse_amount(value_text) {
                    Some(v) if v >= 0.0 => value = v,
                    _ => {
                        skip(
                            "unreadable value",
                            Field::Value,
                            format!("`{value_text}` is not a non-negative number"),
                        );
                        continue;
                    }
                }
            }
        } else {
            *crm.open_stages.entry(stage.to_owned()).or_default() += 1;
        }
        let product = cell(Field::Product);
        starts.push(start);
        crm.rows.push(Row {
            owner: owners.get(owner),
            product: products.get(if product.is_empty() { "all" } else { product }),
            outcome,
            engage,
            close,
            value,
        });
    }
    skip_far_dates(&mut crm, &starts);
    number_lines(path, &mut crm.skipped)?;
    if crm.rows_read == 0 {
        return Err(CalibrateError::Empty {
            path: path.to_owned(),
        });
    }
    let engaged = crm.rows.iter().filter(|r| r.engage.is_some()).count();
    let closed = crm.rows.iter().filter(|r| r.close.is_some()).count();
    if engaged == 0 || closed == 0 {
        return Err(CalibrateError::NothingToFit {
            path: path.to_owned(),
            detail: format!(
                "{} rows read, {} usable, {engaged} with an engage date, {closed} won or lost; \
                 calibration needs engaged opportunities, some of them closed",
                crm.rows_read,
                crm.rows.len()
            ),
        });
    }
    crm.owners = owners.names;
    crm.products = products.names;
    Ok(crm)
}

/// 1-based line of each byte offset of `path` (offsets sorted or not). The csv crate's own
/// line numbers are off by one in files with CRLF line ends, so lines are counted here, in
/// one pass, only for what is reported.
fn lines_at(path: &Path, offsets: &[u64]) -> Result<Vec<u64>, CalibrateError> {
    use std::io::Read;
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut lines = vec![1; offsets.len()];
    let mut file = std::fs::File::open(path).map_err(|source| CalibrateError::Io {
        path: path.to_owned(),
        source,
    })?;
    let (mut buf, mut at, mut newlines, mut next) = (vec![0u8; 1 << 16], 0u64, 0u64, 0);
    while next < order.len() {
        let n = file.read(&mut buf).map_err(|source| CalibrateError::Io {
            path: path.to_owned(),
            source,
        })?;
        if n == 0 {
            break;
        }
        for &b in &buf[..n] {
            // After a CR the csv crate places the next record at the LF that ends the line.
            while next < order.len() && offsets[order[next]] == at {
                lines[order[next]] = newlines + 1 + u64::from(b == b'\n');
                next += 1;
            }
            newlines += u64::from(b == b'\n');
            at += 1;
        }
    }
    for &i in &order[next..] {
        lines[i] = newlines + 1;
    }
    Ok(lines)
}

/// Replace the byte offsets at the head of skipped-row examples by line numbers.
/// How far (calendar days) a date may lie beyond the bulk of the export's dates (its 1st to
/// 99th percentile) before it is taken for a typo (2107 for 2017) and its row skipped.
const FAR_DATE_DAYS: i64 = 2 * 365;

/// Skip the rows with a date far before or after the bulk of the export's dates: one such
/// typo would stretch the simulated span (a 23,000-day scenario) while every figure still
/// looked right. `starts` are the rows' byte offsets, for the report's line numbers.
fn skip_far_dates(crm: &mut Crm, starts: &[u64]) {
    let mut dates: Vec<i64> = crm
        .rows
        .iter()
        .flat_map(|r| [r.engage, r.close])
        .flatten()
        .collect();
    if dates.is_empty() {
        return;
    }
    dates.sort_unstable();
    let bulk = (dates[dates.len() / 100], dates[(dates.len() * 99) / 100]);
    let (earliest, latest) = (bulk.0 - FAR_DATE_DAYS, bulk.1 + FAR_DATE_DAYS);
    let columns = crm.columns.clone();
    let mut keep = Vec::with_capacity(crm.rows.len());
    for (row, &start) in crm.rows.iter().zip(starts) {
        let far = [
            (Field::EngageDate, row.engage),
            (Field::CloseDate, row.close),
        ]
        .into_iter()
        .find_map(|(f, d)| {
            d.filter(|d| !(earliest..=latest).contains(d))
                .map(|d| (f, d))
        });
        keep.push(far.is_none());
        let Some((field, day)) = far else { continue };
        let entry = crm.skipped.entry("date far from the others").or_default();
        entry.count += 1;
        if entry.examples.len() < Skipped::EXAMPLES {
            let (y, m, d) = crate::model::calendar::civil_from_days(day);
            let (by, bm, bd) = crate::model::calendar::civil_from_days(bulk.0);
            let (ey, em, ed) = crate::model::calendar::civil_from_days(bulk.1);
            entry.examples.push(format!(
                "{start}\u{0}, column `{}`: {y:04}-{m:02}-{d:02} is more than two years from \
                 the export's other dates ({by:04}-{bm:02}-{bd:02} to {ey:04}-{em:02}-{ed:02}); \
                 a typo?",
                columns.get(&field).map_or(field.name(), String::as_str)
            ));
        }
    }
    let mut kept = keep.into_iter();
    crm.rows.retain(|_| kept.next().unwrap_or(true));
}

fn number_lines(
    path: &Path,
    skipped: &mut BTreeMap<&'static str, Skipped>,
) -> Result<(), CalibrateError> {
    let split = |e: &String| -> (u64, String) {
        let (offset, rest) = e.split_once('\u{0}').unwrap_or(("0", e));
        (offset.parse().unwrap_or(0), rest.to_owned())
    };
    let examples: Vec<(u64, String)> = skipped
        .values()
        .flat_map(|s| &s.examples)
        .map(split)
        .collect();
    let offsets: Vec<u64> = examples.iter().map(|e| e.0).collect();
    let mut lines = lines_at(path, &offsets)?.into_iter().zip(examples);
    for s in skipped.values_mut() {
        for e in &mut s.examples {
            if let Some((line, (_, rest))) = lines.next() {
                *e = format!("line {line}{rest}");
            }
        }
    }
    Ok(())
}

fn csv_error(path: &Path, e: csv::Error) -> CalibrateError {
    let line = match e.position().map(csv::Position::byte) {
        Some(byte) => lines_at(path, &[byte])
            .ok()
            .and_then(|l| l.first().copied()),
        None => None,
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".into(),
        _ => e.to_string(),
    };
    match e.into_kind() {
        csv::ErrorKind::Io(source) => CalibrateError::Io {
            path: path.to_owned(),
            source,
        },
        _ => CalibrateError::Csv {
            path: path.to_owned(),
            line,
            message,
        },
    }
}

/// A small side table of the export (accounts, teams, products): its rows as column → value.
pub fn read_table(path: &Path) -> Result<Vec<BTreeMap<String, String>>, CalibrateError> {
    let file = open_csv(path)?;
    let mut reader = csv::Reader::from_reader(std::io::BufReader::new(file));
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| csv_error(path, e))?
        .iter()
        .map(normalise)
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(|v| v.trim().to_owned()))
                .collect(),
        );
    }
    if rows.is_empty() {
        return Err(CalibrateError::Empty {
            path: path.to_owned(),
        });
    }
    Ok(rows)
}

/// The key under which [`read_table`] stores a column: lower case, no spaces or underscores.
pub fn column_key(column: &str) -> String {
    normalise(column)
}

/// Path-free name of an input, for the scenario's comments.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("salesim-crm-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    const HEADER: &str = "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n";

    #[test]
    fn reads_the_sample_layout_and_skips_bad_rows_with_their_line() {
        let p = write(
            "a.csv",
            &format!(
                "{HEADER}A,Ann,X,Acme,Won,2017-01-02,2017-02-01,100\n\
                 B,Bob,Y,,Lost,2017-01-03,2017-01-10,0\n\
                 C,Ann,X,,Engaging,2017-03-01,,\n\
                 D,Ann,X,,Prospecting,,,\n\
                 E,Bob,X,,Won,2017-01-05,2017-01-01,10\n\
                 F,Bob,X,,Won,2017-01-05,2017-02-30,10\n\
                 G,Bob,X,,Won,2017-01-05,2017-02-03,ten\n"
            ),
        );
        let crm = read(&p, &[]).unwrap();
        assert_eq!(crm.rows_read, 7);
        assert_eq!(crm.rows.len(), 4);
        assert_eq!(crm.owners, ["Ann", "Bob"]);
        assert_eq!(crm.products, ["X", "Y"]);
        assert_eq!(crm.rows[0].value, 100.0);
        assert_eq!(crm.rows[0].close.unwrap() - crm.rows[0].engage.unwrap(), 30);
        assert_eq!(crm.open_stages["Engaging"], 1);
        assert_eq!(crm.open_stages["Prospecting"], 1);
        let before = &crm.skipped["close date before engage date"];
        assert_eq!(before.count, 1);
        assert!(before.examples[0].starts_with("line 6, column `close_date` (opportunity E)"));
        assert!(crm.skipped["unreadable close date"].examples[0].contains("2017-02-30"));
        assert!(
            crm.skipped["unreadable value"].examples[0].contains("line 8, column `close_value`")
        );
        // CRLF line ends (the sample's) count lines the same way.
        let crlf = write(
            "crlf.csv",
            &std::fs::read_to_string(&p).unwrap().replace('\n', "\r\n"),
        );
        let crm = read(&crlf, &[]).unwrap();
        assert!(crm.skipped["close date before engage date"].examples[0].starts_with("line 6,"));
        assert!(crm.skipped["unreadable value"].examples[0].starts_with("line 8,"));
    }

    #[test]
    fn maps_and_aliases_find_other_exports_columns() {
        let p = write(
            "sf.csv",
            "Opportunity Owner,Stage,Created Date,Close Date,Amount,Custom\n\
             Ann,Closed Won,2017-01-02,2017-02-01,\"$1,000\",x\n\
             Ann,Closed Lost,2017-01-02,2017-02-01,,x\n",
        );
        // `$1,000`: a thousands comma is not a number we guess at.
        let crm = read(&p, &[]).unwrap();
        assert_eq!(crm.skipped["unreadable value"].count, 1);
        assert_eq!(crm.columns[&Field::Owner], "Opportunity Owner");
        let maps = parse_maps(&["Custom=product".into()]).unwrap();
        assert_eq!(read(&p, &maps).unwrap().products, ["x"]);
        assert!(matches!(
            parse_maps(&["Custom=prodcut".into()]),
            Err(CalibrateError::Map { reason, .. }) if reason.contains("did you mean `product`")
        ));
        assert!(parse_maps(&["nothing".into()]).is_err());
    }

    #[test]
    fn unusable_files_are_errors() {
        let empty = write("empty.csv", "");
        assert!(matches!(
            read(&empty, &[]),
            Err(CalibrateError::Empty { .. })
        ));
        let header_only = write("header.csv", HEADER);
        assert!(matches!(
            read(&header_only, &[]),
            Err(CalibrateError::Empty { .. })
        ));
        let missing = write("missing.csv", "sales_agent,deal_stage\nAnn,Won\n");
        match read(&missing, &[]) {
            Err(CalibrateError::MissingColumn { field, .. }) => assert_eq!(field, "engage_date"),
            other => panic!("{other:?}"),
        }
        let ragged = write("ragged.csv", &format!("{HEADER}A,Ann,X\n"));
        match read(&ragged, &[]) {
            Err(CalibrateError::Csv { line, message, .. }) => {
                assert_eq!(line, Some(2));
                assert!(message.contains("3 fields"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let open_only = write(
            "open.csv",
            &format!("{HEADER}A,Ann,X,,Engaging,2017-01-01,,\n"),
        );
        assert!(matches!(
            read(&open_only, &[]),
            Err(CalibrateError::NothingToFit { .. })
        ));
    }
}
