#!/usr/bin/env python3
"""Generate a large, realistic corpus of terms documents for benchmarks (never committed).

    scripts/gen-corpus.py --document SIZE OUT.txt    # one document of about SIZE bytes
    scripts/gen-corpus.py --corpus SIZE OUTDIR       # a base terms document and as many
                                                     # service terms (~64 KB each) as make
                                                     # up SIZE, with a yakkan.yaml

SIZE is a number of bytes with an optional K or M suffix (1M, 10M, 100M). The text is
written from templates with a fixed seed, so the same SIZE gives the same bytes: chapters,
articles with captions, numbered paragraphs and items, definitions (「X」とは、…をいいます。
and …（以下「X」といいます。）), references within the document (第N条第M項, 前項, 同条,
前条各号) and to the base terms, precedence statements, dates, amounts and periods, the
way the documents of clauses/ and the real terms documents are written.
"""
import os
import random
import sys

KANJI = "〇一二三四五六七八九"


def kanji_number(n):
    if n == 0:
        return "〇"
    out = ""
    for value, mark in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, value)
        if d:
            out += ("" if d == 1 else KANJI[d]) + mark
    if n:
        out += KANJI[n]
    return out


def full_width(n):
    return "".join(chr(0xFF10 + int(c)) for c in str(n))


SUBJECTS = ["契約者", "利用者", "当社", "本サービスの利用者", "会員", "申込者"]
VERBS = [
    "これを承諾するものとします",
    "当社が別に定める方法により届け出るものとします",
    "その責任を負わないものとします",
    "遅滞なく当社に通知しなければなりません",
    "当該措置を講じることができるものとします",
    "当社の承諾を得なければならないものとします",
]
OBJECTS = ["利用料金", "設備", "契約者回線", "個人情報", "ログデータ", "監視対象機器", "技術資料", "接続情報"]
CAPTIONS = ["目的", "定義", "契約の成立", "利用料金", "支払方法", "禁止事項", "利用の停止", "契約の解除",
            "損害賠償", "免責", "秘密保持", "個人情報の取扱い", "再委託", "権利の譲渡", "通知", "準拠法",
            "管轄裁判所", "協議", "提供の中止", "設備の維持", "料金の計算", "延滞利息", "契約期間"]


class Writer:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.terms = []

    def sentence(self, article, para, items):
        r = self.rng
        s, o, v = r.choice(SUBJECTS), r.choice(OBJECTS), r.choice(VERBS)
        kind = r.randrange(12)
        if kind == 0 and article > 2:
            return f"{s}は、第{article - 1}条第1項の規定にかかわらず、{o}について{v}。"
        if kind == 1 and para > 1:
            return f"前項の場合において、{s}は、{o}について{v}。"
        if kind == 2 and article > 3:
            n = r.randrange(1, article - 1)
            return f"{s}が第{n}条各号のいずれかに該当するときは、当社は、{o}の提供を停止することができます。"
        if kind == 3 and r.randrange(20) == 0:
            term = f"{o}管理手順{len(self.terms) + 1}"
            self.terms.append(term)
            return f"{s}は、{o}の管理に関して当社が定める手順（以下「{term}」といいます。）について{v}。"
        if kind == 4 and self.terms:
            return f"{s}は、{r.choice(self.terms)}を第三者に開示しないものとします。"
        if kind == 5:
            return f"{s}は、{o}について、令和{r.randrange(2, 9)}年{r.randrange(1, 13)}月{r.randrange(1, 29)}日までに{v}。"
        if kind == 6:
            return f"利用料金は、月額{r.randrange(1, 99)},{r.randrange(100, 999)}円（税抜）とし、{s}は、{r.randrange(10, 60)}日以内に支払うものとします。"
        if kind == 7:
            return f"本規約と基本約款の定めが異なるときは、本規約の定めが優先して適用されます。"
        if kind == 8:
            return f"{s}は、基本約款第{r.randrange(1, 30)}条第{r.randrange(1, 3)}項の定めに従い、{v}。"
        if kind == 9 and items:
            return f"{s}は、次の各号に掲げる事項について{v}。"
        return f"{s}は、{o}について{v}。"

    def article(self, n, caption):
        r = self.rng
        out = [f"（{caption}）", f"第{n}条　{self.sentence(n, 1, False)}"]
        for p in range(2, r.randrange(2, 5)):
            items = r.randrange(4) == 0
            text = self.sentence(n, p, items)
            out.append(f"{full_width(p)}　{text}")
            if text.endswith("次の各号に掲げる事項について" + text.split("について")[-1]) and items:
                pass
            if items:
                for i in range(1, r.randrange(3, 7)):
                    out.append(f"（{i}）　{r.choice(OBJECTS)}に関する{r.choice(CAPTIONS)}の事項")
        return out

    def document(self, title, target, with_definitions=True):
        r = self.rng
        lines = [title, "", "第1章　総則", "", "（目的）",
                 f"第1条　この{title}（以下「本規約」といいます。）は、当社が提供するサービス（以下「本サービス」といいます。）の利用条件を定めるものです。"]
        if with_definitions:
            lines += ["", "（定義）", "第2条　本規約において使用する用語の意義は、次の各号に定めるとおりとします。"]
            for i, o in enumerate(OBJECTS, 1):
                lines.append(f"（{i}）　「{o}」とは、本サービスの提供に関して当社が指定する{o}をいいます。")
        size = sum(len(l.encode()) + 1 for l in lines)
        n, chapter = 3, 1
        while size < target:
            if n % 40 == 0:
                chapter += 1
                block = ["", f"第{chapter}章　{r.choice(CAPTIONS)}"]
            else:
                block = []
            block += [""] + self.article(n, r.choice(CAPTIONS))
            size += sum(len(l.encode()) + 1 for l in block)
            lines += block
            n += 1
        lines += ["", "附則", "この規約は、令和6年4月1日から施行します。", ""]
        return "\n".join(lines)


def size_arg(s):
    mult = {"K": 1 << 10, "M": 1 << 20}.get(s[-1].upper(), 1)
    return int(float(s[:-1] if mult > 1 else s) * mult)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("--document", "--corpus"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    mode, target, out = sys.argv[1], size_arg(sys.argv[2]), sys.argv[3]
    if mode == "--document":
        with open(out, "w", encoding="utf-8") as f:
            f.write(Writer(1).document("クラウド監視サービス利用規約", target))
        return
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "base.txt"), "w", encoding="utf-8") as f:
        f.write(Writer(0).document("サービス基本約款", 48 << 10))
    manifest = ["documents:", "  - path: base.txt"]
    per, i, written = 64 << 10, 0, 48 << 10
    while written < target:
        name = f"svc{i:05}.txt"
        text = Writer(i + 1).document(f"個別サービス{i}利用規約", per)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)
        manifest.append(f"  - path: {name}")
        written += len(text.encode())
        i += 1
    with open(os.path.join(out, "yakkan.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
