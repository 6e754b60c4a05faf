// Text normalisation for reading reports back (材料核数). Every mapping here is one UTF-16 code unit to one, so the
// normalised text has the same length as the original and an offset into one is an offset into the other.

/**
 * Traditional → simplified, for the characters that matter when reading figures: numerals, units, qualifiers and the
 * common words of a 工作汇报 (organisations, verbs, nouns that are counted). Not a general converter: a character
 * missing here is left as it is, which only costs a `counted` phrase its simplified spelling.
 */
const TRADITIONAL_PAIRS =
  '萬万 億亿 兩两 貳贰 參参 陸陆 個个 場场 項项 條条 輪轮 隻只 種种 處处 間间 臺台 檯台 ' +
  '輛辆 張张 門门 筆笔 節节 課课 時时 週周 歲岁 畝亩 噸吨 裡里 裏里 餘余 約约 數数 點点 ' +
  '達达 過过 僅仅 總总 計计 積积 來来 內内 後后 幾几 屆届 號号 頁页 類类 樣样 縣县 區区 ' +
  '鄉乡 鎮镇 黨党 組组 織织 團团 隊队 會会 議议 員员 機机 關关 單单 業业 農农 產产 經经 ' +
  '濟济 資资 審审 報报 級级 層层 專专 職职 網网 聯联 結结 體体 廠厂 園园 驛驿 館馆 庫库 ' +
  '協协 學学 醫医 藥药 護护 軍军 屬属 廳厅 東东 華华 陽阳 豐丰 鐵铁 標标 準准 範范 圍围 ' +
  '圖图 書书 記记 幫帮 紮扎 構构 製制 規规 劃划 設设 讓让 優优 勢势 強强 壯壮 興兴 風风 ' +
  '動动 較较 對对 稱称 階阶 訓训 練练 講讲 話话 讀读 評评 獎奖 勵励 檢检 蓋盖 證证 錢钱 ' +
  '傳传 統统 歷历 勞劳 戰战 衛卫 療疗 樓楼 養养 銷销 質质 態态 熱热 溫温 愛爱 親亲 紅红 ' +
  '綠绿 藍蓝 黃黄 頭头 師师 帶带 連连 續续 長长 滿满 維维 穩稳 幹干 開开 習习 發发 現现 ' +
  '問问 題题 實实 務务 費费 補补 貼贴 額额 當当 並并 併并 將将 進进 選选 舉举 辦办 領领 ' +
  '導导 這这 們们 國国 為为 與与 於于 從从 應应 還还 麼么 見见 觀观 語语 說说 認认 識识 ' +
  '變变 邊边 環环 獲获 戶户 爭争 創创 紀纪 錄录 顧顾 貧贫 災灾 險险 莊庄 營营 運运 輸输 ' +
  '線线 鏈链 擴扩 雙双 義义 談谈 賽赛 廣广 請请 責责 壓压 權权 稅税 價价 歸归 龍龙 陝陕 ' +
  '遼辽 寧宁 廈厦 滬沪 蘇苏 灣湾 貨货 遞递 郵邮 車车 讚赞 績绩 視视 覽览 歡欢 慶庆 簽签 ' +
  '訂订 調调 鄰邻 樹树 狀状 況况 據据 遠远 擁拥 飲饮 齊齐 隨随 響响 顯显 礎础 鞏巩 盡尽 ' +
  '嚴严 絡络 擊击 紐纽 廢废 淨净 擔担 籌筹 極极 佔占 換换 頓顿 確确 決决 撥拨 薦荐 儲储 備备 ' +
  '細细 兌兑 納纳 訪访 崗岗 堅坚 鐘钟 塊块 棟栋 輕轻 齡龄 鑑鉴 鑒鉴 終终 驗验 轉转 減减 ' +
  '眾众 衆众 盤盘 掃扫 碼码 偉伟 搖摇 鋒锋 須须 別别 匯汇 難难 頒颁 ' +
  '噠哒 術术 徹彻 貫贯 試试 緊紧 負负 論论 載载 夠够 繞绕 揮挥 軟软 滯滞 電电 渙涣 鍵键 陣阵 監监 賣卖 獨独 錦锦 釋释 則则 ' +
  '測测 斷断 競竞 財财 賬账 沒没 謀谋 暢畅 討讨 鉤钩 凱凯 腳脚 晉晋 貿贸 賦赋 濃浓 奪夺 譚谭 賓宾 綜综 針针 擇择 饋馈 涼凉 ' +
  '輔辅 築筑 壘垒 釣钓 敗败 懲惩 雜杂 牽牵 掛挂 廁厕 願愿 鎖锁 氣气 預预 冊册 潤润 寬宽 謹谨 樂乐 聞闻 羅罗 綱纲 繳缴 轄辖 ' +
  '訴诉 糾纠 紛纷';

const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const pair of TRADITIONAL_PAIRS.split(' ')) {
    const [from, to] = [...pair];
    if (from && to) m.set(from, to);
  }
  return m;
})();

/** Full-width forms a report may use for digits and number punctuation. */
const FULL_WIDTH: ReadonlyMap<string, string> = new Map([
  ...[...'０１２３４５６７８９'].map((c, i) => [c, String(i)] as const),
  ['％', '%'],
  ['．', '.'],
  ['＋', '+'],
  ['－', '-'],
  ['～', '~'],
  ['＂', '"'],
]);

/** The simplified form of one character (itself when there is none in the table). */
export function simplifiedChar(c: string): string {
  return TRADITIONAL_TO_SIMPLIFIED.get(c) ?? FULL_WIDTH.get(c) ?? c;
}

/**
 * The text with traditional characters and full-width digits replaced, character for character: the result has the
 * same length as the input, so offsets carry over unchanged.
 */
export function normalizeReportText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const s = TRADITIONAL_TO_SIMPLIFIED.get(c) ?? FULL_WIDTH.get(c);
    out += s ?? c;
  }
  return out;
}

/** Whether the text holds a character this module reads as traditional. */
export function hasTraditionalCharacters(text: string): boolean {
  for (const c of text) if (TRADITIONAL_TO_SIMPLIFIED.has(c)) return true;
  return false;
}
