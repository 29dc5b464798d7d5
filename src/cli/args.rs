//! Command-line arguments (clap derive only). Help is written in Vietnamese, the clerk's
//! language; `cli::help` gives the English text and the headings of both.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "kehoach", version, about = "Kế hoạch của UBND xã: YAML → PDF và DOCX đúng thể thức Nghị định 30/2020/NĐ-CP")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Ngôn ngữ của thông báo (vi: tiếng Việt, en: tiếng Anh).
    #[arg(long, value_enum, default_value = "vi", global = true)]
    pub lang: LangArg,
    /// Tô màu thông báo: auto (khi in ra màn hình, trừ khi có NO_COLOR), always, never.
    #[arg(long, value_enum, default_value = "auto", global = true)]
    pub color: ColorArg,
    /// Dạng thông báo lỗi: human (cho người đọc) hoặc json (mỗi dòng một đối tượng JSON, cho trình soạn thảo và CI).
    #[arg(long, value_enum, default_value = "human", global = true)]
    pub message_format: MessageFormat,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Dựng kế hoạch (tệp, hoặc thư mục chứa các tệp .yaml) thành PDF và DOCX.
    Render(RenderArgs),
    /// Kiểm tra kế hoạch mà không dựng văn bản.
    Validate(ValidateArgs),
    /// Dựng nhiều kế hoạch: một kế hoạch dùng chung cho mỗi hàng của tệp dữ liệu, hoặc mọi kế hoạch trong một thư mục.
    Batch(BatchArgs),
    /// Lịch công việc của kế hoạch (iCalendar): mỗi nhiệm vụ có hạn là một sự kiện vào ngày đến hạn (Google Calendar, Outlook, Thunderbird).
    Lich(LichArgs),
    /// Sổ theo dõi nhiệm vụ: mỗi nhiệm vụ một hàng (XLSX, CSV hoặc JSON); với --data, một sổ cho cả đợt.
    #[command(name = "nhiem-vu")]
    NhiemVu(NhiemVuArgs),
    /// Xem trước kế hoạch trong trình duyệt, cập nhật mỗi khi lưu tệp (chỉ trên máy này: 127.0.0.1).
    Preview(PreviewArgs),
    /// Đọc văn bản Word (.docx) thành kế hoạch (YAML), nhận ra cấu trúc: tiêu đề, căn cứ, đánh số, bảng, nơi nhận, chữ ký, phụ lục.
    Import(ImportArgs),
    /// Tạo kế hoạch mới để soạn: đủ các phần thường có của kế hoạch cấp xã, có chú thích từng khóa (hoặc từ kế hoạch năm trước với --tu).
    New(NewArgs),
    /// In lược đồ JSON Schema của định dạng kế hoạch, cho trình soạn thảo (kiểm tra lỗi, gợi ý khóa).
    Schema(SchemaArgs),
    /// So sánh hai bản của một kế hoạch: nhiệm vụ, chỉ tiêu, mục, đoạn, hàng bảng, nơi nhận, phụ lục nào được thêm, bớt, di chuyển hay sửa, và sửa thế nào.
    Diff(DiffArgs),
    /// In đoạn mã tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell).
    Completions(CompletionsArgs),
    /// Internal: render views sent over stdin (the worker processes of render and batch).
    #[command(name = "__worker", hide = true)]
    Worker(WorkerArgs),
}

/// What to write and how: shared by render and batch.
#[derive(Args, Debug)]
pub struct Output {
    /// Thư mục ghi kết quả.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Tệp cần ghi: pdf, docx hoặc all (cả hai).
    #[arg(long, value_enum, default_value = "all")]
    pub format: FormatArg,
    /// Thư mục có main.typ, lib.typ, style.json thay cho mẫu trình bày có sẵn.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Chỉ dùng phông chữ đi kèm, kể cả khi máy có Times New Roman.
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Số kế hoạch dựng cùng lúc, mỗi kế hoạch trong một tiến trình riêng (mặc định: số lõi CPU).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Số giây tối đa để dựng một kế hoạch; quá thời gian thì dừng kế hoạch đó.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Bộ nhớ tối đa cho một kế hoạch: 2G, 500M, hoặc số MB; quá thì dừng kế hoạch đó.
    #[arg(long, default_value = "2G", value_parser = parse_size)]
    pub max_memory: u64,
}

/// `2G`, `500M`, `1500` (megabytes) → bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('G') => (&t[..t.len() - 1], 1u64 << 30),
        Some('M') => (&t[..t.len() - 1], 1u64 << 20),
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        _ => (t, 1u64 << 20),
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok((v * mult as f64) as u64),
        _ => Err(format!("`{s}`: cần một dung lượng như 2G, 500M (expected a size such as 2G, 500M)")),
    }
}

#[derive(Args, Debug)]
pub struct WorkerArgs {
    #[arg(long, value_enum, default_value = "all")]
    pub format: FormatArg,
    #[arg(long)]
    pub template: Option<PathBuf>,
    #[arg(long)]
    pub no_system_fonts: bool,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Tệp kế hoạch, hoặc thư mục chứa các tệp .yaml; `-` đọc từ đầu vào chuẩn.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Tên tệp kết quả khi đọc kế hoạch từ đầu vào chuẩn (`-`).
    #[arg(long, default_value = "ke-hoach")]
    pub name: String,
    /// Theo dõi các tệp: dựng lại mỗi khi lưu, đến khi bấm Ctrl-C.
    #[arg(long)]
    pub watch: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// Tệp kế hoạch.
    pub file: PathBuf,
    /// Cổng trên 127.0.0.1 (0: chọn một cổng còn trống).
    #[arg(long, default_value_t = 7676)]
    pub port: u16,
    /// Mở trang xem trước trong trình duyệt.
    #[arg(long)]
    pub open: bool,
    /// Thư mục có main.typ, lib.typ, style.json thay cho mẫu trình bày có sẵn.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Chỉ dùng phông chữ đi kèm, kể cả khi máy có Times New Roman.
    #[arg(long)]
    pub no_system_fonts: bool,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Kế hoạch dùng chung (đi với --data), hoặc một thư mục các kế hoạch.
    pub input: PathBuf,
    /// Giá trị cho kế hoạch dùng chung: CSV hoặc bảng tính .xlsx/.ods có hàng tiêu đề, hoặc danh sách YAML; mỗi hàng một kế hoạch.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Trang tính của tệp .xlsx/.ods dùng làm dữ liệu (mặc định: trang đầu tiên).
    #[arg(long, requires = "data")]
    pub sheet: Option<String>,
    /// Ghi biên bản của đợt: mỗi kế hoạch một bản ghi JSON (đầu vào, hàng, tên, tệp, thời gian, cảnh báo, lỗi).
    #[arg(long, value_name = "TỆP.json")]
    pub report: Option<PathBuf>,
    /// Cột dữ liệu dùng đặt tên tệp kết quả (chuyển thành chữ không dấu, không trùng).
    #[arg(long, default_value = "ten_tep")]
    pub name_column: String,
    /// Chỉ in lỗi và dòng tổng kết (không thanh tiến độ, không cảnh báo).
    #[arg(long, short)]
    pub quiet: bool,
    /// Ghi thêm lịch công việc `<tên>.ics` của mỗi kế hoạch bên cạnh PDF và DOCX.
    #[arg(long)]
    pub lich: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Args, Debug)]
pub struct LichArgs {
    /// Tệp kế hoạch.
    pub plan: PathBuf,
    /// Tệp lịch cần ghi (mặc định: output/<tên kế hoạch>.ics).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Chỉ các nhiệm vụ do cơ quan này chủ trì (không phân biệt hoa thường, dấu cách; nhiệm vụ có nhiều cơ quan chủ trì cách nhau bằng "," hoặc ";" khớp với bất kỳ cơ quan nào).
    #[arg(long)]
    pub chu_tri: Option<String>,
}

#[derive(Args, Debug)]
pub struct NhiemVuArgs {
    /// Tệp kế hoạch (với --data: kế hoạch dùng chung).
    pub plan: PathBuf,
    /// Dạng sổ: xlsx, csv hoặc json.
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: RegisterArg,
    /// Tệp cần ghi (mặc định: output/<tên kế hoạch>-nhiem-vu.<dạng>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Tệp dữ liệu của một đợt: một sổ gồm nhiệm vụ của mọi hàng, cột đầu là tên xã.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Trang tính của tệp .xlsx/.ods dùng làm dữ liệu (mặc định: trang đầu tiên).
    #[arg(long, requires = "data")]
    pub sheet: Option<String>,
    /// Cột dữ liệu ghi tên mỗi xã trong sổ.
    #[arg(long, default_value = "ten_tep")]
    pub name_column: String,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum RegisterArg {
    Xlsx,
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Tệp kế hoạch, hoặc thư mục chứa các tệp .yaml; `-` đọc từ đầu vào chuẩn.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// Shell cần mã tự hoàn thành.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Văn bản Word (.docx).
    pub file: PathBuf,
    /// Tệp kế hoạch cần ghi (mặc định: cạnh văn bản, đuôi .yaml).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Ghi đè tệp kế hoạch nếu đã có.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct NewArgs {
    /// Tệp kế hoạch cần tạo (.yaml); không ghi đè tệp đã có.
    pub file: PathBuf,
    /// Tên xã ghi ở dòng thứ hai của tên cơ quan, ví dụ "Xã Tân Phú".
    #[arg(long)]
    pub co_quan: Option<String>,
    /// Tên tỉnh, ví dụ "Tỉnh Quảng Trị" (trong căn cứ và nơi nhận).
    #[arg(long)]
    pub tinh: Option<String>,
    /// Bắt đầu từ một kế hoạch có sẵn (năm trước): bỏ số, ngày thành tháng/năm hiện tại, giữ mọi phần khác.
    #[arg(long, conflicts_with_all = ["co_quan", "tinh"])]
    pub tu: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SchemaArgs {
    /// Ghi lược đồ vào tệp này thay vì in ra màn hình.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// Bản cũ và bản mới của kế hoạch (với --git: bảy đối số git truyền cho trình so sánh ngoài).
    #[arg(required = true, num_args = 1..=7, value_name = "OLD NEW")]
    pub files: Vec<PathBuf>,
    /// Dạng kết quả: text (mỗi thay đổi một dòng), markdown (cho bình luận pull request), json, docx (bản mới với thay đổi được theo dõi) hoặc pdf (bản mới có đánh dấu sửa đổi).
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Tệp cần ghi (mặc định: in ra màn hình; docx và pdf cần --out).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Chạy như trình so sánh ngoài của git (diff.kehoach.command): nhận bảy đối số của git, luôn thoát 0.
    #[arg(long)]
    pub git: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum DiffFormat {
    Text,
    Markdown,
    Json,
    Docx,
    Pdf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum MessageFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum FormatArg {
    Pdf,
    Docx,
    All,
}
