"""Vietnamese text for synthetic benchmark entries.

The sentences are general statements about cell meetings, written the way the real
bank is written, so word lengths, diacritics and repetition (what drives Markdown,
search-index and gzip sizes) look like real content. They name no document
number, date or figure: a synthetic bank must never pass for a source of facts.
"""
from __future__ import annotations

import random

SENTENCES = [
    "Chi bộ là hạt nhân chính trị ở cơ sở, nơi trực tiếp giáo dục, quản lý và phân công nhiệm vụ cho đảng viên.",
    "Sinh hoạt chi bộ có nền nếp giúp mỗi đảng viên thấy rõ trách nhiệm của mình trước tập thể.",
    "Bí thư chi bộ cần chuẩn bị kỹ nội dung, gửi trước tài liệu để đảng viên nghiên cứu và chuẩn bị ý kiến.",
    "Buổi sinh hoạt nên dành nhiều thời gian cho thảo luận, tránh đọc báo cáo dài và hình thức.",
    "Mỗi đảng viên đăng ký một việc làm cụ thể, dễ kiểm tra, gắn với công việc hằng ngày ở nơi công tác và nơi cư trú.",
    "Tự phê bình và phê bình phải thẳng thắn, chân thành, với tinh thần xây dựng và đoàn kết nội bộ.",
    "Việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh cần trở thành việc làm thường xuyên, tự giác.",
    "Chi bộ lắng nghe ý kiến của nhân dân, kịp thời nắm bắt tâm tư, nguyện vọng của quần chúng ở địa bàn.",
    "Nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu, có sức thuyết phục hơn mọi lời nói.",
    "Đảng viên trẻ được giao việc vừa sức, có người kèm cặp để trưởng thành trong thực tiễn.",
    "Biên bản sinh hoạt ghi đủ ý kiến phát biểu, kết luận của chủ trì và nhiệm vụ được phân công.",
    "Nghị quyết của chi bộ phải ngắn gọn, rõ việc, rõ người, rõ thời hạn và rõ kết quả cần đạt.",
    "Cấp ủy cấp trên thường xuyên dự sinh hoạt, hướng dẫn và tháo gỡ khó khăn cho chi bộ.",
    "Ở chi bộ thôn, bản, tổ dân phố, nội dung sinh hoạt gắn với xây dựng nông thôn mới, đô thị văn minh.",
    "Ở chi bộ cơ quan, doanh nghiệp, nội dung sinh hoạt gắn với thực hiện nhiệm vụ chuyên môn và cải cách hành chính.",
    "Đảng viên giữ mối liên hệ mật thiết với nhân dân, tham gia sinh hoạt ở nơi cư trú và chịu sự giám sát của quần chúng.",
    "Chất lượng sinh hoạt chi bộ được đánh giá qua việc ban hành nghị quyết sát thực tế và tổ chức thực hiện có kết quả.",
    "Khi thảo luận, chủ trì gợi mở vấn đề, khuyến khích đảng viên nói thật, nói đúng và đề xuất giải pháp.",
    "Những việc làm tốt được biểu dương kịp thời; khuyết điểm được chỉ ra cụ thể và có biện pháp khắc phục.",
    "Chi bộ quan tâm bồi dưỡng quần chúng ưu tú, tạo nguồn kết nạp đảng viên mới.",
    "Kỷ luật, kỷ cương trong Đảng được giữ vững khi mỗi đảng viên tự giác chấp hành nguyên tắc tập trung dân chủ.",
    "Việc ứng dụng công nghệ thông tin giúp gửi tài liệu, nhắc lịch và tổng hợp ý kiến nhanh hơn, tiết kiệm hơn.",
    "Sổ tay đảng viên điện tử giúp đảng viên tra cứu văn bản, tài liệu sinh hoạt mọi lúc, mọi nơi.",
    "Những tấm gương người tốt, việc tốt ở địa phương là chất liệu sinh động cho buổi sinh hoạt chuyên đề.",
    "Đảng viên lớn tuổi chia sẻ kinh nghiệm, truyền thống cách mạng của quê hương cho thế hệ trẻ.",
    "Chi bộ theo dõi, đôn đốc việc thực hiện các việc đã đăng ký và đánh giá kết quả vào cuối năm.",
    "Công tác kiểm tra, giám sát của chi bộ hướng vào việc chấp hành Điều lệ và nghị quyết của Đảng.",
    "Tinh thần đoàn kết, thống nhất trong chi bộ là điều kiện để hoàn thành tốt mọi nhiệm vụ được giao.",
    "Văn hóa tranh luận trong sinh hoạt giúp chi bộ tìm ra cách làm hay, tránh áp đặt ý kiến một chiều.",
    "Người đứng đầu chi bộ phải gương mẫu về đạo đức, lối sống, nói đi đôi với làm.",
    "Đảng viên cần chủ động nghiên cứu tài liệu trước buổi sinh hoạt để phát biểu có chất lượng.",
    "Mỗi buổi sinh hoạt chuyên đề nên chọn một vấn đề trọng tâm, thiết thực với tình hình của chi bộ.",
    "Chi bộ phối hợp với các đoàn thể vận động nhân dân thực hiện tốt chủ trương của Đảng, chính sách của Nhà nước.",
    "Ý kiến đóng góp của quần chúng được chi bộ ghi nhận, tổng hợp và phản hồi kịp thời.",
    "Công tác phát triển đảng viên gắn với rèn luyện, thử thách quần chúng qua công việc cụ thể.",
    "Việc đánh giá, xếp loại chất lượng đảng viên cần khách quan, công khai và căn cứ vào kết quả công việc.",
    "Những khó khăn trong sinh hoạt, như đảng viên đi làm ăn xa hoặc tuổi cao, cần có cách làm linh hoạt.",
    "Buổi sinh hoạt kết thúc bằng kết luận ngắn gọn, giao việc cụ thể và thống nhất thời gian kiểm tra.",
    "Đảng viên phải thường xuyên tu dưỡng, rèn luyện đạo đức cách mạng, chống chủ nghĩa cá nhân.",
    "Chi bộ coi trọng giáo dục truyền thống, bồi đắp lòng yêu nước và niềm tin vào con đường đã chọn.",
]

HEADINGS = [
    "Ý nghĩa của chuyên đề", "Nội dung cơ bản", "Liên hệ thực tiễn ở chi bộ", "Những việc cần làm ngay",
    "Kinh nghiệm từ các chi bộ", "Gợi ý cách tổ chức buổi sinh hoạt", "Câu chuyện minh họa",
    "Trách nhiệm của đảng viên", "Phương hướng thời gian tới", "Kết luận",
]

LIST_ITEMS = [
    "Nghiên cứu tài liệu trước buổi sinh hoạt.", "Đăng ký việc làm cụ thể và báo cáo kết quả.",
    "Tham gia sinh hoạt đầy đủ, đúng giờ.", "Giữ mối liên hệ với chi ủy nơi cư trú.",
    "Góp ý thẳng thắn, chân thành.", "Nêu gương trong gia đình và khu dân cư.",
    "Giúp đỡ đảng viên mới, quần chúng ưu tú.", "Thực hiện tiết kiệm, chống lãng phí.",
]

TITLE_WORDS = [
    "Nâng cao chất lượng sinh hoạt chi bộ", "Giữ gìn phẩm chất đảng viên", "Phát huy tinh thần tự phê bình",
    "Tăng cường đoàn kết nội bộ", "Nêu gương người đứng đầu", "Gắn bó mật thiết với nhân dân",
    "Xây dựng chi bộ trong sạch, vững mạnh", "Học tập và làm theo Bác", "Đổi mới nội dung sinh hoạt",
    "Đảng viên trẻ với nhiệm vụ mới", "Giữ vững kỷ luật, kỷ cương", "Phát triển đảng viên ở cơ sở",
]


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def body(rng: random.Random, words: int) -> str:
    """A Markdown body of about `words` words: headings, paragraphs, a list, bold text and a link."""
    parts: list[str] = []
    count = 0
    headings = rng.sample(HEADINGS, len(HEADINGS))
    section = 0
    while count < words:
        heading = headings[section % len(headings)]
        section += 1
        text = paragraph(rng, rng.randint(3, 6))
        if section % 2 == 0:
            first, _, rest = text.partition(" ")
            text = f"**{first}** {rest}"
        parts += [f"## {heading}", "", text, ""]
        count += len(heading.split()) + len(text.split())
        if section % 3 == 0:
            items = rng.sample(LIST_ITEMS, 3)
            parts += [f"- {item}" for item in items] + [""]
            count += sum(len(item.split()) for item in items)
        if section == 2:
            parts += ["Xem thêm [tài liệu tham khảo](https://example.org/tai-lieu) của cấp ủy cấp trên.", ""]
            count += 8
    return "\n".join(parts).rstrip() + "\n"


def title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(TITLE_WORDS)} (mẫu thử {number})"
