"""The fixed sheets of every kit (headings, minutes, evaluation), as data both the HTML and DOCX renderers read.

Wording follows /work/shared/domain-facts.md: HD 36-HD/VPTW for the header, HD 16-HD/VPTW's
parts of the minutes (the facts sheet confirms the first three; the closing part is the
practice local templates describe), HD 12-HD/BTCTW's criteria for a good meeting.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import labels

BLANK = "……………"
SHORT_BLANK = "……"

PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
SUPERIOR_LABEL = "ĐẢNG BỘ"
CELL_LABEL = "CHI BỘ"

# Part titles, in the order they appear in a kit (the tests read them back from the PDF).
PART_PROGRAMME = "CHƯƠNG TRÌNH SINH HOẠT CHI BỘ"
PART_HANDOUT = "TÀI LIỆU SINH HOẠT CHUYÊN ĐỀ"
PART_QUESTIONS = labels.QUESTIONS.upper()  # the field's heading on the page and the slides, as a sheet title
PART_COMMITMENT = "PHIẾU ĐĂNG KÝ VIỆC LÀM"
PART_QUIZ = labels.QUIZ.upper()
PART_QUIZ_KEY = "ĐÁP ÁN CÂU HỎI TRẮC NGHIỆM"
PART_ATTENDANCE = "DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT"
PART_MINUTES = "BIÊN BẢN SINH HOẠT CHI BỘ"
PART_EVALUATION = "PHIẾU ĐÁNH GIÁ CHẤT LƯỢNG BUỔI SINH HOẠT CHI BỘ"

ATTENDANCE_COLUMNS = ("STT", "Họ và tên", "Có mặt", "Vắng có lý do", "Vắng không lý do", "Ký tên")

DRAFT_NOTE = ("Bản nháp: nội dung chưa được đối chiếu đầy đủ với nguồn. "
              "Đề nghị kiểm tra lại với văn bản gốc trước khi dùng.")


@dataclass(frozen=True)
class MinutesPart:
    title: str
    fields: tuple[str, ...] = ()  # label: blank, one per row of a two-column table
    lines: int = 0  # ruled lines for free writing


MINUTES_PARTS: tuple[MinutesPart, ...] = (
    MinutesPart("I. Mở đầu", (
        "Thời gian bắt đầu", "Địa điểm", "Nội dung sinh hoạt", "Chủ trì", "Thư ký (người ghi biên bản)",
        "Tài liệu phục vụ buổi sinh hoạt")),
    MinutesPart("II. Thành phần dự", (
        "Tổng số đảng viên của chi bộ", "Số đảng viên có mặt", "Vắng có lý do (họ tên, lý do)",
        "Vắng không có lý do (họ tên)", "Đại biểu, khách mời")),
    MinutesPart("III. Diễn biến buổi sinh hoạt", (), 0),
)
MINUTES_PROCEEDINGS: tuple[tuple[str, int], ...] = (
    ("1. Nội dung trình bày", 4),
    ("2. Ý kiến thảo luận (ghi rõ họ tên người phát biểu)", 7),
    ("3. Kết luận của chủ trì", 4),
)
MINUTES_VOTE_TITLE = "IV. Biểu quyết"
MINUTES_VOTE_ROWS = ("Tán thành", "Không tán thành", "Ý kiến khác")
MINUTES_CLOSING_TITLE = "V. Kết thúc"
MINUTES_CLOSING = (
    "Buổi sinh hoạt kết thúc lúc …… giờ …… phút cùng ngày.",
    "Biên bản đã được đọc lại cho hội nghị nghe và thông qua.",
)
MINUTES_SIGNATURES = (("THƯ KÝ", "(Ký, ghi rõ họ tên)"), ("CHỦ TRÌ", "(Ký, ghi rõ họ tên)"))
MINUTES_NOTE = ("Bố cục theo các phần biên bản của Hướng dẫn 16-HD/VPTW (mở đầu; thành phần; diễn biến, "
                "kết luận, biểu quyết) và thực tiễn ghi biên bản: ghi đầy đủ, trung thực từng ý kiến, "
                "ghi rõ người phát biểu; cuối buổi thư ký đọc lại biên bản trước hội nghị.")


@dataclass(frozen=True)
class Criterion:
    text: str
    points: int


@dataclass(frozen=True)
class CriteriaGroup:
    title: str
    points: int
    criteria: tuple[Criterion, ...]


# Group weights follow a local 100-point rule (facts sheet §5: preparation 15, attendance 20,
# conduct 45, closing 20); the criteria are HD 12's; the split inside a group is our suggestion.
EVALUATION_GROUPS: tuple[CriteriaGroup, ...] = (
    CriteriaGroup("Chuẩn bị", 15, (
        Criterion("Bí thư hoặc phó bí thư chuẩn bị nội dung; chi ủy (bí thư) họp trước thống nhất nội dung, "
                  "dự thảo nghị quyết (nếu có)", 10),
        Criterion("Thông báo thời gian, địa điểm, nội dung; tài liệu đăng trên Sổ tay đảng viên điện tử "
                  "ít nhất 1 ngày trước (Hướng dẫn 42-HD/BTCTW)", 5),
    )),
    CriteriaGroup("Dự sinh hoạt", 20, (
        Criterion("Đảng viên dự sinh hoạt đạt trên 85%", 15),
        Criterion("Không có đảng viên vắng mặt không có lý do", 5),
    )),
    CriteriaGroup("Tiến hành", 45, (
        Criterion("Đúng giờ, đúng trình tự (khai mạc, nội dung, bế mạc)", 10),
        Criterion("Nội dung theo hướng dẫn của cấp ủy cấp trên, nêu rõ vấn đề trọng tâm", 10),
        Criterion("Nhiều đảng viên phát biểu; thảo luận dân chủ, cởi mở; biểu dương, nhắc nhở đảng viên", 15),
        Criterion("Thời lượng đủ 90 phút (120 phút nếu kết hợp thường kỳ với chuyên đề)", 5),
        Criterion("Biên bản ghi đầy đủ", 5),
    )),
    CriteriaGroup("Kết thúc", 20, (
        Criterion("Kết luận hoặc nghị quyết rõ ràng, được biểu quyết", 10),
        Criterion("Phân công nhiệm vụ cụ thể cho đảng viên; theo dõi thực hiện nghị quyết kỳ trước", 10),
    )),
)
EVALUATION_BANDS = (
    ("Tốt", "từ 90 đến 100 điểm"),
    ("Khá", "từ 70 đến dưới 90 điểm"),
    ("Trung bình", "từ 50 đến dưới 70 điểm"),
    ("Kém", "dưới 50 điểm"),
)
EVALUATION_NOTE = (
    "Mẫu để chi bộ điều chỉnh theo quy định đánh giá chất lượng sinh hoạt chi bộ của tỉnh ủy, thành ủy "
    "(mỗi địa phương tự quy định; ví dụ Quy định 17-QĐ/TU của Ban Thường vụ Tỉnh ủy Hà Tĩnh, "
    "Quy định 27-QĐ/TU của Ban Thường vụ Tỉnh ủy Nghệ An). Tiêu chí theo Hướng dẫn 12-HD/BTCTW; "
    "thang 100 điểm và bốn mức theo cách địa phương áp dụng (ví dụ khối cơ quan tỉnh Phú Thọ: chuẩn bị 15, "
    "dự sinh hoạt 20, tiến hành 45, kết thúc 20 điểm). Điểm từng tiêu chí trong mỗi nhóm là gợi ý.")

COMMITMENT_NOTE = "Đánh dấu việc làm đồng chí đăng ký, ghi cách làm và thời hạn; báo cáo kết quả ở kỳ sinh hoạt sau."
QUESTION_LINES = 6
COMMITMENT_OTHER_LINES = 4


def evaluation_total() -> int:
    return sum(group.points for group in EVALUATION_GROUPS)

# The sheets every kit of one meeting type shares (attendance, minutes, evaluation) live once in a shared file
# the print page inserts with a script (kits/print_html.py); without JavaScript the page shows this instead.
SHARED_TITLE = "Danh sách đảng viên dự, biên bản và phiếu đánh giá dùng chung cho các bộ tài liệu"
SHARED_LINK_BEFORE = "Trình duyệt đang tắt JavaScript nên trang chưa chèn được các tờ dùng chung: "
SHARED_LINK_TEXT = "in danh sách đảng viên dự, biên bản và phiếu đánh giá ở trang riêng"
