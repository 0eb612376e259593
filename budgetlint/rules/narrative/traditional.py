"""Traditional characters read like simplified ones (issue 15 item 9): “萬元”, “預算”, “財政撥款”.

Some disclosures are published in traditional characters (a site's conversion, or a page copied through
one): “一般公共預算財政撥款支出決算 6.35 萬元”. The narrative reader compares words with a simplified
vocabulary and reads units by their simplified spelling, so the view of a text (numbers.make_view) maps
each traditional character to its simplified form — one character for one, so every position in the view
still maps back to the same offset of the original text and findings point at what was printed.

The table covers the words of budget disclosures (units, table and section names, 科目, the three public
expenses, the words of comparisons and reasons), not the whole language; characters that are also used in
simplified text with another meaning (著, 乾, 覆 …) are left out on purpose.
"""

from __future__ import annotations

import re

# (traditional, simplified) character by character; the two strings are aligned.
_PAIRS = (
    "萬億預決財撥項經費務車輛購運維護國資產際減長較與為無說況總體計開關門單機衛築設備採貨業險會農環節約應從這個額數轉結餘專戶營屬級補稅養醫療實執種術類區縣鄉鎮廳處園條規發動變調劃權點線場緊壓縮據證績標價評並後須係佔時間員職聯幹離網絡電腦號報紙書辦廣東廠歷學習訓練議們來對當還繼續進達過邊遠導熱氣響頭題顯風飯館驗黨齊雲陽隊階隨層歸殘災盡監盤礎禮穩競筆範簡糧紀組織終統給絕綜綠編緩罰聞聽舊興藝藥蘇虛衝裝複見視親覺觀訂認討訊記訪許訴診試詳語誤請課談謀講識譯讀讓負貢貧責貸貿賓賬質賽贈趨跡踐軍軟載輔輕輸轄連週遊遞違適選遺鄰釋錄錢鏈鐵閉閒閱陣陳陸雜雙難靜頁順領頻顧飲驅麼儲傳僅優內兩冊淨凈則創劑勞勵協參嚴圍圖團圓塊壞夥奮婦審寶將尋幫幣廢張強彈徑復徵態戰擁擇擔攝敗斷極構樣樓檔檢歡歲沒測準溝滅滿漢潔澤濟灣煙爭牽狀獎獨獲現畫異確積稱簽細紹絲緒緣繳義聲舉莊華葉蓋蘭虧製覽該詢説論諮謝豐貫賦賴贊軌辭遷郵銀銷錯頒駐黃齡墊眾衆",
    "万亿预决财拨项经费务车辆购运维护国资产际减长较与为无说况总体计开关门单机卫筑设备采货业险会农环节约应从这个额数转结余专户营属级补税养医疗实执种术类区县乡镇厅处园条规发动变调划权点线场紧压缩据证绩标价评并后须系占时间员职联干离网络电脑号报纸书办广东厂历学习训练议们来对当还继续进达过边远导热气响头题显风饭馆验党齐云阳队阶随层归残灾尽监盘础礼稳竞笔范简粮纪组织终统给绝综绿编缓罚闻听旧兴艺药苏虚冲装复见视亲觉观订认讨讯记访许诉诊试详语误请课谈谋讲识译读让负贡贫责贷贸宾账质赛赠趋迹践军软载辅轻输辖连周游递违适选遗邻释录钱链铁闭闲阅阵陈陆杂双难静页顺领频顾饮驱么储传仅优内两册净净则创剂劳励协参严围图团圆块坏伙奋妇审宝将寻帮币废张强弹径复征态战拥择担摄败断极构样楼档检欢岁没测准沟灭满汉洁泽济湾烟争牵状奖独获现画异确积称签细绍丝绪缘缴义声举庄华叶盖兰亏制览该询说论咨谢丰贯赋赖赞轨辞迁邮银销错颁驻黄龄垫众众",
)
assert len(_PAIRS[0]) == len(_PAIRS[1]), "the traditional and simplified strings must align"
TO_SIMPLIFIED = str.maketrans(_PAIRS[0], _PAIRS[1])
# Searched first: almost every text has none of these, and then nothing is translated.
TRADITIONAL = re.compile(f"[{_PAIRS[0]}]")


def to_simplified(text: str) -> str:
    """``text`` with the table's traditional characters made simplified (same length, same offsets)."""
    return text.translate(TO_SIMPLIFIED) if TRADITIONAL.search(text) else text
