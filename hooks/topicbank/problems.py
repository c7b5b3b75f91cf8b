"""Problems found in the bank, and the registry of every check that can report one.

Each check has a code, a Vietnamese message template and a hint that tells a
contributor how to fix it (after the Carpentries' pegboard validators).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Check:
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    hint: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        mark = "" if self.is_error else "cảnh báo: "
        return f"{self.path}:{self.line}: [{self.code}] {mark}{self.message} Cách sửa: {self.hint}"

    def github_annotation(self) -> str:
        level = "error" if self.is_error else "warning"
        text = f"[{self.code}] {self.message} Cách sửa: {self.hint}"
        # Annotations end at a newline and treat % specially.
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line}::{text}"


def _checks(*items: Check) -> dict[str, Check]:
    return {item.code: item for item in items}


CHECKS: dict[str, Check] = _checks(
    # Reading the file
    Check("encoding", "Tệp không lưu bằng bảng mã UTF-8 (chữ đầu tiên không đọc được nằm ở dòng này).",
          "Mở tệp bằng trình soạn thảo, chọn lưu với mã hóa UTF-8 (không dùng Windows-1258 hay TCVN3)."),
    Check("not-nfc", "Chữ có dấu gõ kiểu tổ hợp, không ở dạng Unicode dựng sẵn (NFC), ở {lines}.",
          "Chạy python3 scripts/validate.py --fix-nfc (trên Windows: py scripts/validate.py --fix-nfc): lệnh sửa "
          "cả tệp và cho biết các dòng đã sửa. Hoặc gõ lại chữ có dấu ở các dòng đó với bộ gõ đặt bảng mã "
          "Unicode dựng sẵn."),
    Check("empty-file", "Tệp rỗng.",
          "Tạo tệp từ mẫu: python3 scripts/new_topic.py, hoặc chép một tệp mẫu trong topics/_mau/."),
    Check("no-front-matter", "Tệp không bắt đầu bằng phần đầu YAML (dòng đầu phải là ---).",
          "Thêm dòng --- ở đầu tệp, các trường YAML, rồi một dòng --- trước nội dung."),
    Check("unclosed-front-matter", "Phần đầu YAML mở bằng --- nhưng không có dòng --- đóng lại.",
          "Thêm một dòng chỉ có --- sau trường YAML cuối cùng."),
    Check("yaml-syntax", "YAML sai cú pháp: {detail}.",
          "Kiểm tra thụt lề bằng dấu cách, dấu hai chấm sau tên trường, và đặt giá trị có dấu : hoặc # trong "
          "ngoặc kép thẳng \"…\"."),
    Check("yaml-curly-quotes", "Giá trị mở bằng ngoặc cong “ hoặc ‘ (Word, Zalo, điện thoại tự đổi ngoặc kép "
          "thành ngoặc cong); YAML không coi đó là dấu ngoặc, nên {detail}.",
          "Thay ngoặc cong bằng ngoặc kép thẳng \"…\" (gõ trong trình sửa của GitHub, Notepad hoặc VS Code, "
          "không dán từ Word), hoặc bỏ hẳn ngoặc nếu giá trị không có dấu : hay #. Muốn dấu ngoặc hiện ra "
          "trong văn bản thì dùng « » bên trong ngoặc kép thẳng, ví dụ summary: \"«Nêu gương»: bài học cho chi bộ\"."),
    Check("yaml-inner-quote", "Giá trị mở bằng dấu {quote} mà bên trong lại có dấu {quote}, nên YAML hiểu giá trị "
          "kết thúc ở dấu {quote} thứ hai và không đọc được phần sau.",
          "Bao cả giá trị bằng loại ngoặc kia: bên trong có dấu \" thì bao bằng ngoặc đơn, ví dụ "
          "summary: 'Anh nói \"đúng\" đấy'; bên trong có dấu ' thì bao bằng ngoặc kép \"…\". "
          "Hoặc đổi dấu ngoặc bên trong thành « », ví dụ summary: \"Anh nói «đúng» đấy\"."),
    Check("yaml-tab", "YAML có ký tự tab.",
          "Thay tab bằng dấu cách (YAML chỉ cho thụt lề bằng dấu cách)."),
    Check("yaml-tag", "Giá trị có thẻ {tag} (bắt đầu bằng !), không được dùng trong phần đầu YAML.",
          "Bỏ thẻ bắt đầu bằng !; chỉ ghi giá trị thường (chuỗi, số, danh sách)."),
    Check("yaml-duplicate-key", "Trường \"{field}\" khai báo hai lần.",
          "Giữ một lần khai báo, xóa dòng trùng."),
    Check("not-a-mapping", "Phần đầu YAML phải là danh sách trường dạng \"tên: giá trị\".",
          "Viết mỗi trường trên một dòng, ví dụ: title: Tên chuyên đề."),
    # The entry's id
    Check("invalid-id", "Tên tệp \"{id}\" không dùng được làm mã mục.",
          "Đặt tên tệp bằng chữ thường không dấu, số và dấu gạch ngang, tối đa 80 ký tự, ví dụ: neu-guong-noi-cu-tru.md."),
    Check("duplicate-id", "Mã \"{id}\" trùng với tệp {other}.",
          "Mã mục là tên tệp và phải duy nhất trong toàn ngân hàng: đổi tên một trong hai tệp."),
    # Layered banks (a committee's bank on top of the national one; see layers.py)
    Check("override-missing", "Mã \"{id}\" đã có ở ngân hàng trước, tệp {other}.",
          "Nếu mục này cố ý thay cho mục kia, thêm dòng override: true vào phần đầu. Nếu là mục khác, đổi tên tệp. "
          "Nếu ngân hàng chung đã nhận mục này của đảng bộ, xóa bản ở ngân hàng của đảng bộ."),
    Check("override-nothing", "Mục \"{id}\" ghi override: true nhưng không ngân hàng trước nào có mục mã \"{id}\".",
          "Kiểm tra lại tên tệp (mã phải trùng đúng mã của mục cần thay); nếu đây là mục mới thì xóa dòng override."),
    Check("hide-unknown", "Tùy chọn hide ẩn mục \"{id}\", nhưng không ngân hàng nào có mục này.",
          "Sửa mã cho đúng tên tệp (không có .md) của mục cần ẩn, hoặc xóa mã này khỏi hide."),
    Check("hide-still-cited", "Tùy chọn hide ẩn mục \"{id}\", nhưng tệp {other} (dòng {other_line}, trường {field}) vẫn dẫn tới nó.",
          "Bỏ \"{id}\" khỏi trường {field} của tệp đó (hoặc ẩn cả tệp đó), hoặc thôi ẩn mục này."),
    Check("vocabulary-redefined", "Giá trị \"{value}\" của danh mục {list} đã có nhãn \"{other_label}\" ở {other}; ở đây lại ghi \"{label}\".",
          "Mỗi giá trị chỉ có một nhãn: xóa dòng này để dùng nhãn đã có, hoặc đặt một giá trị mới (mã khác) cho nhãn mới."),
    Check("id-case-collision", "Tên tệp \"{id}\" chỉ khác tệp {other} ở chữ hoa, chữ thường; trên Windows hai tệp này trùng nhau.",
          "Đổi tên tệp sang chữ thường và khác hẳn tệp kia."),
    # Fields
    Check("unknown-field", "Trường \"{field}\" không có trong quy ước trường của ngân hàng.{suggestion}",
          "Sửa tên trường cho đúng, hoặc xóa nếu không cần. Danh sách trường: trang Tra cứu trường."),
    Check("field-not-for-kind", "Trường \"{field}\" không dùng cho loại mục {kind}.",
          "Xóa trường này, hoặc đổi kind nếu chọn nhầm loại. Trường này dùng cho: {kinds}."),
    Check("missing-field", "Thiếu trường bắt buộc \"{field}\" ({label}).",
          "Thêm dòng \"{field}: …\" vào phần đầu YAML. {description}"),
    Check("missing-for-value", "Có {because} nên phải có thêm trường \"{field}\" ({label}).",
          "{fix}"),
    Check("wrong-type", "\"{field}\" phải là {expected}, nhưng đang là {actual}.",
          "{type_hint}"),
    Check("not-allowed", "\"{field}\" có giá trị \"{value}\" không hợp lệ.",
          "Chọn một trong: {allowed}."),
    Check("not-in-vocabulary", "\"{field}\": \"{value}\" không có trong danh mục {vocabulary}.{suggestion}",
          "Chọn một giá trị trong topics/_vocabulary.yml (mục {vocabulary}), hoặc thêm giá trị mới vào tệp đó."),
    Check("too-short", "\"{field}\" quá ngắn: {detail}.", "Bổ sung cho đủ: {detail}."),
    Check("too-long", "\"{field}\" quá dài: {detail}.", "Rút gọn: {detail}."),
    Check("out-of-range", "\"{field}\" là {value}, nằm ngoài khoảng cho phép ({detail}).", "Sửa thành số trong khoảng {detail}."),
    Check("repeated-value", "\"{field}\" có giá trị lặp lại: {value}.", "Xóa giá trị trùng."),
    Check("bad-format", "\"{field}\" sai định dạng: \"{value}\".", "{pattern_hint}"),
    Check("invalid-date", "\"{field}\": \"{value}\" không phải ngày có thật hoặc sai dạng YYYY-MM-DD.",
          "Ghi ngày dạng năm-tháng-ngày, ví dụ 2022-06-16, và kiểm tra ngày có trong tháng."),
    Check("future-date", "\"{field}\": ngày {value} ở tương lai.", "Ghi ngày đã đối chiếu thật, không muộn hơn hôm nay."),
    Check("multi-line", "\"{field}\" phải viết trên một dòng.", "Nối thành một dòng."),
    Check("html-in-text", "\"{field}\" có thẻ HTML.", "Bỏ ký tự < > và thẻ HTML; chỉ viết văn bản thường."),
    # The Markdown body
    Check("unsafe-body", "Nội dung có mã không an toàn ({what}).",
          "Bỏ thẻ <script>, <iframe>, thuộc tính on…= và liên kết javascript:. Nội dung chỉ viết bằng Markdown."),
    Check("h1-in-body", "Nội dung có tiêu đề cấp 1 (# …); tiêu đề trang lấy từ trường title.",
          "Đổi thành tiêu đề cấp 2: ## …"),
    Check("fixme", "Còn chỗ FIXME chưa điền (từ tệp mẫu).",
          "Thay chỗ FIXME bằng nội dung thật lấy từ nguồn, hoặc xóa dòng đó nếu không cần. "
          "Không gửi mục còn FIXME để duyệt.", Severity.WARNING),
    # Across entries
    Check("unknown-ref", "\"{field}\" trỏ tới mã \"{value}\" không có trong ngân hàng.{suggestion}",
          "Sửa mã cho đúng tên tệp (không có .md) của mục cần trỏ tới.{missing}"),
    Check("wrong-ref-kind", "\"{field}\" trỏ tới \"{value}\" là mục loại {actual}, cần loại {expected}.",
          "Chỉ trỏ tới mục loại {expected}."),
    Check("self-ref", "\"{field}\" trỏ tới chính mục này.", "Xóa mã của chính mục khỏi danh sách."),
    Check("minutes-mismatch", "duration_minutes ghi {value} phút nhưng số phút các bước cộng lại là {total}.",
          "Sửa duration_minutes thành {total}, hoặc sửa số phút của các bước."),
    Check("short-meeting", "Buổi sinh hoạt {value} phút, dưới mức tối thiểu {minimum} phút của Hướng dẫn 42-HD/BTCTW.",
          "Kéo dài thời lượng, hoặc ghi rõ trong nội dung rằng cấp ủy cấp trên cho phép chi bộ ít đảng viên sinh hoạt ngắn hơn.",
          Severity.WARNING),
    Check("quiz-answer", "Câu trắc nghiệm: đáp án \"{value}\" không trùng phương án nào.",
          "Chép đáp án đúng y hệt một trong các phương án (choices)."),
    Check("quiz-source", "Câu trắc nghiệm: nguồn \"{value}\" không phải tên một nguồn trong sources, cũng không phải mã văn bản.",
          "Ghi đúng title của một nguồn trong sources của mục này, hoặc mã một mục loại document."),
    # What entries cite (citations.py): warnings, errors only under --strict
    Check("unknown-doc-number", "{where} ghi số văn bản \"{value}\" nhưng ngân hàng chưa có mục văn bản nào mang số "
          "này (trường number).",
          "Nếu văn bản có thật và bạn có nguồn, thêm một mục văn bản cho nó: python3 scripts/new_topic.py --kind "
          "document --title \"…\" (hoặc chép mẫu topics/_mau/document.md vào topics/van-ban/) và ghi đúng số ở "
          "trường number. Nếu số bị gõ sai, sửa theo văn bản gốc. Nếu không tìm được nguồn nào ghi số này, xóa số "
          "khỏi mục. Số được so không kể chữ hoa, chữ thường, dấu cách, số 0 ở đầu, QĐi hay QĐ.", Severity.WARNING),
    Check("superseded-as-current", "{what} {value}, nhưng văn bản này {state}.",
          "Căn cứ vào văn bản đang có hiệu lực: {fix}. Nếu cần nhắc văn bản cũ để so sánh hay kể lại, nêu văn bản "
          "thay thế ngay trong cùng đoạn, cùng mục danh sách hoặc cùng trường, ví dụ \"Quy định 124-QĐ/TW, nay đã "
          "được thay bằng Quy định 366-QĐ/TW\". Không bị cảnh báo: nhắc văn bản cũ trong cùng đoạn có nêu (hoặc "
          "liên kết tới) văn bản thay thế, trong mục của chính văn bản đó hay của văn bản thay thế nó, và trong "
          "phần \"## Hiệu lực\" của một mục văn bản. Trường references chỉ bị kiểm tra ở mục hướng dẫn và chương "
          "trình mẫu.", Severity.WARNING),
    Check("home-page-url", "Địa chỉ nguồn \"{value}\" là trang chủ của một trang web, không phải trang có điều "
          "mục này dẫn.",
          "Dẫn đúng trang nói điều đó, không dẫn trang chủ: mở lại bài viết hoặc văn bản đã đọc và chép địa chỉ "
          "đầy đủ của trang đó vào url. Nếu không tìm lại được trang, bỏ nguồn này và những điều chỉ dựa vào nó.",
          Severity.WARNING),
)


def problem(code: str, path: str, line: int, **values: object) -> Problem:
    """Make a problem from the registry, filling the message and hint templates."""
    check = CHECKS[code]
    safe = _Defaults(values)
    return Problem(path=path, line=max(1, line), code=code,
                   message=check.message.format_map(safe), hint=check.hint.format_map(safe),
                   severity=check.severity)


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""
