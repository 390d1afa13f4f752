<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name>CallTimer</name>
    <message>
        <source>Stop</source>
        <extracomment>True when the clock was stopped, False when it runs again.</extracomment>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>contact</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>inquiry</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>release</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Changed by a colleague</source>
        <translation>已被同事修改</translation>
    </message>
    <message>
        <source>A colleague</source>
        <translation>一位同事</translation>
    </message>
    <message>
        <source>%1 saved this %2 while you were editing it. Nothing of yours is saved yet. The fields that differ are highlighted: keep your version, take theirs, or choose field by field and save the merge.</source>
        <translation>%1 在你編輯期間儲存了這個%2。你的修改尚未儲存。不同的欄位已標示：你可以保留你的版本、採用對方的版本，或逐欄選擇後儲存合併結果。</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Theirs (saved)</source>
        <translation>對方的版本（已儲存）</translation>
    </message>
    <message>
        <source>Mine (not saved)</source>
        <translation>我的版本（未儲存）</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的版本</translation>
    </message>
    <message>
        <source>Save your version over theirs</source>
        <translation>以你的版本覆蓋對方的版本</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>採用對方的版本</translation>
    </message>
    <message>
        <source>Drop your changes and edit their version</source>
        <translation>放棄你的修改，改為編輯對方的版本</translation>
    </message>
    <message>
        <source>Save merge</source>
        <translation>儲存合併結果</translation>
    </message>
    <message>
        <source>Save each field from the side chosen under Keep</source>
        <translation>每個欄位按「保留」一欄所選的版本儲存</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>對方</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>Name (中文)</source>
        <translation>姓名（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>姓名（英文）</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Edit contact</source>
        <translation>編輯聯絡人</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>新增聯絡人</translation>
    </message>
    <message>
        <source>e.g. 黃嘉琪</source>
        <translation>例如：黃嘉琪</translation>
    </message>
    <message>
        <source>e.g. June Wong</source>
        <translation>例如：June Wong</translation>
    </message>
    <message>
        <source>e.g. Wong Ka Kei</source>
        <translation>例如：Wong Ka Kei</translation>
    </message>
    <message>
        <source>e.g. 客戶總監</source>
        <translation>例如：客戶總監</translation>
    </message>
    <message>
        <source>e.g. Account Director</source>
        <translation>例如：Account Director</translation>
    </message>
    <message>
        <source>Type to search</source>
        <translation>輸入以搜尋</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Create an organisation with the name typed</source>
        <translation>以輸入的名稱新增機構</translation>
    </message>
    <message>
        <source>繁體中文 (zh-HK)</source>
        <translation>繁體中文 (zh-HK)</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>英文 (en)</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. tech desk, TV</source>
        <translation>以逗號分隔，例如：科技版, 電視</translation>
    </message>
    <message>
        <source>Opted out: send no e-mail</source>
        <translation>已拒收：不要發送電郵</translation>
    </message>
    <message>
        <source>Deadlines, desk, languages, who to call first…</source>
        <translation>截稿時間、所屬版面、語言、先找誰…</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <source>Romanisation</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>稱謂</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>職銜（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>職銜（英文）</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>首選語言</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Add phone</source>
        <translation>新增電話</translation>
    </message>
    <message>
        <source>Add e-mail</source>
        <translation>新增電郵</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>電郵地址</translation>
    </message>
    <message>
        <source>Numbers without a country code are read as %1 numbers.</source>
        <translation>沒有國家／地區代碼的號碼會視為 %1 號碼。</translation>
    </message>
    <message>
        <source>Give a Chinese or English name (or an e-mail address for a shared mailbox).</source>
        <translation>請填寫中文或英文姓名（共用郵箱則填寫電郵地址）。</translation>
    </message>
    <message>
        <source>Pick the organisation from the list, or create it with New….</source>
        <translation>請從清單中選擇機構，或按「新增…」建立。</translation>
    </message>
    <message>
        <source>Phone %1 is not valid (see the message under it).</source>
        <translation>電話 %1 無效（請參閱下方的訊息）。</translation>
    </message>
    <message>
        <source>E-mail %1 is not valid (see the message under it).</source>
        <translation>電郵 %1 無效（請參閱下方的訊息）。</translation>
    </message>
    <message>
        <source>%1 (and %2 more)</source>
        <translation>%1（另有 %2 項）</translation>
    </message>
    <message>
        <source>Changed by a colleague</source>
        <translation>已被同事修改</translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation>聯絡人未能儲存</translation>
    </message>
</context>
<context>
    <name>ContactFields</name>
    <message>
        <source>Name (Chinese or English, by script)</source>
        <translation>姓名（中文或英文，按文字判斷）</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>姓名（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>姓名（英文）</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>中間名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Romanisation</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <source>Honorific (Mr, Ms, Dr)</source>
        <translation>稱謂（先生、女士、博士）</translation>
    </message>
    <message>
        <source>Title (Chinese or English, by script)</source>
        <translation>職銜（中文或英文，按文字判斷）</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>職銜（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>職銜（英文）</translation>
    </message>
    <message>
        <source>Organisation (Chinese or English, by script)</source>
        <translation>機構（中文或英文，按文字判斷）</translation>
    </message>
    <message>
        <source>Organisation (Chinese)</source>
        <translation>機構（中文）</translation>
    </message>
    <message>
        <source>Organisation (English)</source>
        <translation>機構（英文）</translation>
    </message>
    <message>
        <source>Phone (type guessed)</source>
        <translation>電話（自動判斷類型）</translation>
    </message>
    <message>
        <source>Phone (work)</source>
        <translation>電話（公司）</translation>
    </message>
    <message>
        <source>Phone (mobile)</source>
        <translation>電話（手提）</translation>
    </message>
    <message>
        <source>Phone (fax)</source>
        <translation>電話（傳真）</translation>
    </message>
    <message>
        <source>Phone (home)</source>
        <translation>電話（住宅）</translation>
    </message>
    <message>
        <source>Phone (team)</source>
        <translation>電話（團隊）</translation>
    </message>
    <message>
        <source>Phone (other)</source>
        <translation>電話（其他）</translation>
    </message>
    <message>
        <source>E-mail (type guessed)</source>
        <translation>電郵（自動判斷類型）</translation>
    </message>
    <message>
        <source>E-mail (work)</source>
        <translation>電郵（公司）</translation>
    </message>
    <message>
        <source>E-mail (personal)</source>
        <translation>電郵（個人）</translation>
    </message>
    <message>
        <source>E-mail (team mailbox)</source>
        <translation>電郵（團隊郵箱）</translation>
    </message>
    <message>
        <source>E-mail (other)</source>
        <translation>電郵（其他）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Kind (person or mailbox)</source>
        <translation>類型（個人或郵箱）</translation>
    </message>
    <message>
        <source>Identifier from the source</source>
        <translation>來源的識別碼</translation>
    </message>
    <message>
        <source>(ignore this column)</source>
        <translation>（忽略此欄）</translation>
    </message>
</context>
<context>
    <name>ContactImport</name>
    <message>
        <source>Phone %1 (number)</source>
        <translation>電話 %1（號碼）</translation>
    </message>
    <message>
        <source>Phone %1 (type)</source>
        <translation>電話 %1（類型）</translation>
    </message>
    <message>
        <source>E-mail %1 (address)</source>
        <translation>電郵 %1（地址）</translation>
    </message>
    <message>
        <source>E-mail %1 (type)</source>
        <translation>電郵 %1（類型）</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>card %1</source>
        <translation>第 %1 張卡</translation>
    </message>
    <message>
        <source>Import contacts</source>
        <translation>匯入聯絡人</translation>
    </message>
    <message>
        <source>Contact files (*.csv *.xlsx *.vcf *.vcard *.txt);;All files (*)</source>
        <translation>聯絡人檔案 (*.csv *.xlsx *.vcf *.vcard *.txt);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 contact(s) added, %3 merged.</source>
        <translation>已匯入 %1：新增 %2 位聯絡人，合併 %3 位。</translation>
    </message>
</context>
<context>
    <name>ContactImportDialog</name>
    <message>
        <source>Import contacts — %1</source>
        <translation>匯入聯絡人 — %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在讀取 %1…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>編碼</translation>
    </message>
    <message>
        <source>Will be written</source>
        <translation>將會寫入</translation>
    </message>
    <message>
        <source>New contacts</source>
        <translation>新聯絡人</translation>
    </message>
    <message>
        <source>Merged with existing contacts</source>
        <translation>與現有聯絡人合併</translation>
    </message>
    <message>
        <source>New organisations</source>
        <translation>新機構</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>電話號碼</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>電郵地址</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Kept in notes (invalid)</source>
        <translation>保留於備註（無效）</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>檔案中的欄</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>匯入為</translation>
    </message>
    <message>
        <source>Choose what each column holds. Columns set to “ignore” are not imported. Press Preview again to see the result; nothing is written until Import.</source>
        <translation>請選擇每一欄的內容。設為「忽略」的欄不會匯入。按「重新預覽」查看結果；按「匯入」之前不會寫入任何資料。</translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation>重新預覽</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>嚴重程度</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建議</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>資料列</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>欄位對應</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Merges</source>
        <translation>合併</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>The mapping changed: press Preview again to check it before importing.</source>
        <translation>欄位對應已更改：匯入前請按「重新預覽」檢查。</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 活頁簿</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tab 定位字元</translation>
    </message>
    <message>
        <source>%1, separated by “%2”</source>
        <translation>%1，以「%2」分隔</translation>
    </message>
    <message>
        <source>Nobody: every contact is new.</source>
        <translation>沒有：全部都是新聯絡人。</translation>
    </message>
    <message>
        <source>Rows (first %1)</source>
        <translation>資料列（首 %1 行）</translation>
    </message>
    <message>
        <source>Merges (%1)</source>
        <translation>合併（%1）</translation>
    </message>
    <message>
        <source>The preview was cancelled.</source>
        <translation>已取消預覽。</translation>
    </message>
    <message>
        <source>Nothing in this file would be imported. Check the column mapping and the problems.</source>
        <translation>此檔案沒有可匯入的內容。請檢查欄位對應及問題。</translation>
    </message>
    <message>
        <source>%1 new contact(s), %2 merged with existing ones. Nothing has been written yet: check the rows and the problems, then press Import.</source>
        <translation>%1 位新聯絡人，%2 位與現有聯絡人合併。尚未寫入任何資料：請檢查資料列及問題，然後按「匯入」。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>問題（%1）</translation>
    </message>
    <message>
        <source>No problems: every value was read as written.</source>
        <translation>沒有問題：所有內容均按原文讀取。</translation>
    </message>
    <message>
        <source>%1 · %2 · %3: “%4”
%5</source>
        <translation>%1 · %2 · %3：「%4」
%5</translation>
    </message>
    <message>
        <source>Suggestion: %1</source>
        <translation>建議：%1</translation>
    </message>
    <message>
        <source>This file cannot be imported: %1 Nothing was written.</source>
        <translation>此檔案無法匯入：%1 未有寫入任何資料。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>The file could not be read because of an error in PressDesk (see the log). Nothing was written.</source>
        <translation>PressDesk 出現錯誤，無法讀取檔案（請參閱記錄檔）。未有寫入任何資料。</translation>
    </message>
    <message>
        <source>Importing… Cancel stops and writes nothing.</source>
        <translation>正在匯入… 按「取消」會停止，且不會寫入任何資料。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation>已取消匯入：未有寫入任何資料。</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be written.</source>
        <translation>正在取消… 不會寫入任何資料。</translation>
    </message>
</context>
<context>
    <name>ContactLabels</name>
    <message>
        <source>Work</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手提</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>傳真</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>住宅</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>團隊</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>個人</translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Pick a match with ↓ and Enter, or click it.</source>
        <extracomment>The picked contact (a dict), or None when what is typed picks nobody. The number of matches listed, after each search.</extracomment>
        <translation>用 ↓ 及 Enter 選擇相符項目，或直接點選。</translation>
    </message>
    <message>
        <source>Nobody in the roster has this number.</source>
        <translation>名冊中沒有人使用這個號碼。</translation>
    </message>
    <message>
        <source>Nobody in the roster matches: a new contact named “%1”.</source>
        <translation>名冊中沒有相符的人：將新增名為「%1」的聯絡人。</translation>
    </message>
</context>
<context>
    <name>ContactPickerDialog</name>
    <message>
        <source>Name (中文 / English), e-mail or phone</source>
        <translation>姓名（中文／英文）、電郵或電話</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Find the contact in the roster:</source>
        <translation>在名冊中搜尋聯絡人：</translation>
    </message>
    <message>
        <source>%1 is on the list already.</source>
        <translation>%1 已在清單中。</translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <source>Click Name to sort by name (stroke order); click again to reverse.</source>
        <extracomment>The background count of a big roster, while one runs. The background fill of missing name sort keys, while one runs.</extracomment>
        <translation>按「姓名」以姓名排序（按筆劃）；再按一次則反向排序。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>新增聯絡人…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改記錄…</translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation>機構：</translation>
    </message>
    <message>
        <source> Tag:</source>
        <translation> 標籤：</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>所有機構</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>所有標籤</translation>
    </message>
    <message>
        <source>%1+ matching contacts</source>
        <translation>%1+ 位相符聯絡人</translation>
    </message>
    <message numerus="yes">
        <source>%n matching contact(s)</source>
        <translation>
            <numerusform>%n 位相符聯絡人</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 contacts (more load as you scroll)</source>
        <translation>顯示 %1 位聯絡人（捲動時載入更多）</translation>
    </message>
    <message>
        <source>Showing %1 of %2 contacts (more load as you scroll)</source>
        <translation>顯示 %2 位聯絡人中的 %1 位（捲動時載入更多）</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 位聯絡人</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · too many matches to sort by name: type more</source>
        <translation>%1 · 相符項目太多，無法按姓名排序：請輸入更多字</translation>
    </message>
    <message>
        <source>%1 · sorted by name (stroke order)</source>
        <translation>%1 · 按姓名排序（筆劃）</translation>
    </message>
    <message>
        <source>Preparing name order…</source>
        <translation>正在準備姓名排序…</translation>
    </message>
    <message>
        <source>Cannot sort by name</source>
        <translation>無法按姓名排序</translation>
    </message>
    <message>
        <source>The name order could not be prepared.</source>
        <translation>未能準備姓名排序。</translation>
    </message>
    <message>
        <source>Delete %1 from the roster?

You can bring it back with Edit → Undo delete (Ctrl+Z).</source>
        <translation>從名冊刪除 %1？

你可以用「編輯 → 復原刪除」（Ctrl+Z）還原。</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>刪除聯絡人</translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation>聯絡人未能刪除</translation>
    </message>
</context>
<context>
    <name>Duplicates</name>
    <message>
        <source>same e-mail</source>
        <translation>電郵相同</translation>
    </message>
    <message>
        <source>same number</source>
        <translation>電話號碼相同</translation>
    </message>
    <message>
        <source>same name and organisation</source>
        <translation>姓名及機構相同</translation>
    </message>
    <message>
        <source>%1 duplicate contact(s) merged.</source>
        <translation>已合併 %1 位重複的聯絡人。</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Find duplicates</source>
        <translation>尋找重複項目</translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation>正在尋找重複項目…</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>可能重複</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Merge into it, then remove</source>
        <translation>合併至保留項目，然後移除</translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation>⇄ 對調</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合併</translation>
    </message>
    <message>
        <source>Merge keeps every phone number and e-mail address of both, fills the kept contact&apos;s empty fields, and moves releases, inquiries and calls to it. The other contact is removed (it can be restored).</source>
        <translation>合併會保留兩者的所有電話號碼及電郵地址，填補保留聯絡人的空白欄位，並把新聞稿、查詢及來電轉移給該聯絡人。另一位聯絡人會被移除（可以還原）。</translation>
    </message>
    <message>
        <source>%1 possible duplicate(s). Choose a pair to compare.</source>
        <translation>%1 組可能重複。請選擇一組作比較。</translation>
    </message>
    <message>
        <source>No duplicates found.</source>
        <translation>找不到重複項目。</translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”? “%2” keeps every phone number and e-mail address of both; “%1” is removed from the roster (it can be restored).</source>
        <translation>把「%1」合併至「%2」？「%2」會保留兩者的所有電話號碼及電郵地址；「%1」會從名冊移除（可以還原）。</translation>
    </message>
    <message>
        <source>Merge contacts</source>
        <translation>合併聯絡人</translation>
    </message>
    <message>
        <source>Not merged</source>
        <translation>未能合併</translation>
    </message>
    <message>
        <source>Merged into %1. %2 pair(s) left.</source>
        <translation>已合併至 %1。尚餘 %2 組。</translation>
    </message>
</context>
<context>
    <name>EmailField</name>
    <message>
        <source>e.g. june.wong@edelman.com</source>
        <translation>例如：june.wong@edelman.com</translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation>電郵地址無效。</translation>
    </message>
</context>
<context>
    <name>EntryRow</name>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>CSV (Excel, UTF-8)</source>
        <translation>CSV（Excel，UTF-8）</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Excel 活頁簿（XLSX）</translation>
    </message>
    <message>
        <source>vCard %1 (phones, mail programs)</source>
        <translation>vCard %1（手機、電郵程式）</translation>
    </message>
    <message>
        <source>PDF (printable sheet)</source>
        <translation>PDF（可列印名單）</translation>
    </message>
    <message>
        <source>Export contact sheet</source>
        <translation>匯出聯絡人名單</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>The current search</source>
        <translation>目前的搜尋結果</translation>
    </message>
    <message>
        <source>A release&apos;s media contacts</source>
        <translation>某份新聞稿的傳媒聯絡人</translation>
    </message>
    <message>
        <source>An organisation</source>
        <translation>某個機構</translation>
    </message>
    <message>
        <source>A tag</source>
        <translation>某個標籤</translation>
    </message>
    <message>
        <source>Everyone in the roster</source>
        <translation>名冊中所有人</translation>
    </message>
    <message>
        <source>name, organisation, e-mail or phone</source>
        <translation>姓名、機構、電郵或電話</translation>
    </message>
    <message>
        <source>(no releases yet)</source>
        <translation>（尚無新聞稿）</translation>
    </message>
    <message>
        <source>(no organisations yet)</source>
        <translation>（尚無機構）</translation>
    </message>
    <message>
        <source>(no tags yet)</source>
        <translation>（尚無標籤）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Include contacts who opted out of contact</source>
        <translation>包括已拒絕聯絡的聯絡人</translation>
    </message>
    <message>
        <source>Contacts who asked not to be contacted are left out of sheets by default (Personal Data (Privacy) Ordinance). Include them only for your own records, never for a distribution list.</source>
        <translation>要求不被聯絡的聯絡人預設不會列入名單（《個人資料（私隱）條例》）。只可為自己的記錄而包括他們，切勿用作發放名單。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 檔案 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 活頁簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>vCard 檔案 (*.vcf)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 檔案 (*.pdf)</translation>
    </message>
    <message>
        <source>%1 contact(s) written to %2.</source>
        <translation>已將 %1 位聯絡人寫入 %2。</translation>
    </message>
    <message>
        <source>%1 contact(s) who opted out of contact were left out.</source>
        <translation>已略去 %1 位已拒絕聯絡的聯絡人。</translation>
    </message>
    <message>
        <source>Exporting contacts to %1…</source>
        <translation>正在將聯絡人匯出至 %1…</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>已取消匯出</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>已取消：沒有寫入任何檔案。</translation>
    </message>
    <message>
        <source>Contact sheet exported</source>
        <translation>聯絡人名單已匯出</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>未能匯出</translation>
    </message>
    <message>
        <source>The sheet could not be written because of an error in PressDesk (see the log).</source>
        <translation>PressDesk 發生錯誤，未能寫入名單（詳情請看記錄檔）。</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Title (Chinese)</source>
        <comment>release</comment>
        <translation>標題（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <comment>release</comment>
        <translation>標題（英文）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文姓名</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文姓名</translation>
    </message>
    <message>
        <source>Romanisation</source>
        <translation>姓名拼音</translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation>稱謂</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>職銜（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>職銜（英文）</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>首選語言</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Opted out</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>電郵地址</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Short name</source>
        <translation>簡稱</translation>
    </message>
    <message>
        <source>Short name (Chinese)</source>
        <translation>簡稱（中文）</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>網站</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>電話地區</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Journalist</source>
        <translation>記者</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>傳媒機構</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>負責人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回覆</translation>
    </message>
    <message>
        <source>Subtitle (Chinese)</source>
        <translation>副題（中文）</translation>
    </message>
    <message>
        <source>Subtitle (English)</source>
        <translation>副題（英文）</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Embargo until</source>
        <translation>禁發時間</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Media contacts</source>
        <translation>傳媒聯絡人</translation>
    </message>
    <message>
        <source>Spokespeople</source>
        <translation>發言人</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已刪除</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>記錄</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>標題列</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>欄位對應</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>Exported despite opt-out</source>
        <translation>已拒收仍匯出</translation>
    </message>
    <message>
        <source>Sent despite opt-out</source>
        <translation>已拒收仍發送</translation>
    </message>
    <message>
        <source>繁體中文 (zh-HK)</source>
        <translation>繁體中文 (zh-HK)</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>英文 (en)</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>個人</translation>
    </message>
    <message>
        <source>Shared mailbox</source>
        <translation>共用郵箱</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FindCallerDialog</name>
    <message>
        <source>Title</source>
        <translation>職銜</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>%1 e-mail</source>
        <translation>%1電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Opt-out</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Asked not to receive mailings.</source>
        <translation>已要求不接收群發郵件。</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Find caller</source>
        <translation>查找來電者</translation>
    </message>
    <message>
        <source>Number in any form, or a name</source>
        <translation>任何格式的號碼，或姓名</translation>
    </message>
    <message>
        <source>Open inquiries</source>
        <translation>未完成查詢</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>&amp;Log call</source>
        <translation>記錄來電(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New inquiry</source>
        <translation>新增查詢(&amp;N)</translation>
    </message>
    <message>
        <source>Type the caller&apos;s number in any form, or a name.</source>
        <translation>輸入來電者的號碼（任何格式）或姓名。</translation>
    </message>
    <message>
        <source>Pick the caller from the list.</source>
        <translation>請從清單中選擇來電者。</translation>
    </message>
    <message>
        <source>Nobody in the roster matches “%1”.</source>
        <translation>名冊中沒有與「%1」相符的人。</translation>
    </message>
    <message>
        <source>Open inquiries of %1: %2</source>
        <translation>%1 的未完成查詢：%2</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>When</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>修改人</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原來</translation>
    </message>
    <message>
        <source>To</source>
        <translation>改為</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>（已刪除）</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>修改記錄：%1</translation>
    </message>
    <message>
        <source>History</source>
        <translation>修改記錄</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>尚未有修改記錄。</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改記錄…</translation>
    </message>
    <message>
        <source>Who changed what, and when</source>
        <translation>誰在何時修改了甚麼</translation>
    </message>
</context>
<context>
    <name>InquiriesView</name>
    <message>
        <source>Received</source>
        <extracomment>Emitted when the background count for the current filter is in.</extracomment>
        <translation>收到時間</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Journalist / outlet</source>
        <translation>記者／傳媒機構</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>負責人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回覆</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>修改記錄…</translation>
    </message>
    <message>
        <source>Only this release</source>
        <translation>只限此新聞稿</translation>
    </message>
    <message>
        <source>Only this status</source>
        <translation>只限此狀態</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任何狀態</translation>
    </message>
    <message>
        <source>Open (new or in progress)</source>
        <translation>未完成（新查詢或處理中）</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Only this owner&apos;s</source>
        <translation>只限此負責人</translation>
    </message>
    <message>
        <source>Received on or after this day</source>
        <translation>於此日或之後收到</translation>
    </message>
    <message>
        <source>Received on or before this day</source>
        <translation>於此日或之前收到</translation>
    </message>
    <message>
        <source>In questions</source>
        <translation>包括查詢內容</translation>
    </message>
    <message>
        <source>Also look for the search words inside the questions. On a very large log this reads every inquiry, so it is off there until you tick it.</source>
        <translation>同時在查詢內容中搜尋字詞。查詢記錄非常龐大時，這需要逐項讀取所有查詢，因此預設關閉，直至你勾選為止。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation>清除篩選條件</translation>
    </message>
    <message>
        <source>New inquiry…</source>
        <translation>新增查詢…</translation>
    </message>
    <message>
        <source>Log a new inquiry (Ctrl+N)</source>
        <translation>記錄新查詢（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Received</source>
        <translation>收到時間(&amp;R)</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>任何日子</translation>
    </message>
    <message>
        <source>All releases</source>
        <translation>所有新聞稿</translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation>任何負責人</translation>
    </message>
    <message>
        <source>No inquiry matches the search and filters.</source>
        <translation>沒有符合搜尋及篩選條件的查詢。</translation>
    </message>
    <message>
        <source>No inquiries yet. Log a call with Ctrl+L, or add an inquiry with Ctrl+N.</source>
        <translation>尚未有查詢。按 Ctrl+L 記錄來電，或按 Ctrl+N 新增查詢。</translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Counting inquiries…</source>
        <translation>正在統計查詢…</translation>
    </message>
    <message numerus="yes">
        <source>more than %Ln inquiries</source>
        <translation>
            <numerusform>超過 %Ln 項查詢</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inquiry(ies)</source>
        <translation>
            <numerusform>%Ln 項查詢</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln 項逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln due today</source>
        <translation>
            <numerusform>%Ln 項今日到期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the search matches over %Ln people: type more to see all of theirs</source>
        <translation>
            <numerusform>搜尋結果超過 %Ln 人：請輸入更多字以查看他們的所有查詢</numerusform>
        </translation>
    </message>
    <message>
        <source>Inquiry %1</source>
        <translation>查詢 %1</translation>
    </message>
</context>
<context>
    <name>InquiryEditor</name>
    <message>
        <source>Inquiry %1</source>
        <translation>查詢 %1</translation>
    </message>
    <message>
        <source>New inquiry</source>
        <translation>新增查詢</translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation>查詢者</translation>
    </message>
    <message>
        <source>Name (中文 / English), e-mail or phone — type to search the roster</source>
        <translation>姓名（中文／英文）、電郵或電話 — 輸入以搜尋名冊</translation>
    </message>
    <message>
        <source>Media outlet (found or added)</source>
        <translation>傳媒機構（已找到或新增）</translation>
    </message>
    <message>
        <source>&amp;Journalist</source>
        <translation>記者(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Outlet</source>
        <translation>傳媒機構(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>電話(&amp;P)</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>電郵(&amp;M)</translation>
    </message>
    <message>
        <source>The inquiry</source>
        <translation>查詢詳情</translation>
    </message>
    <message>
        <source>(no release)</source>
        <translation>（無新聞稿）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>Colleague who handles it (optional)</source>
        <translation>負責跟進的同事（可留空）</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>新聞稿(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>途徑(&amp;C)</translation>
    </message>
    <message>
        <source>Recei&amp;ved</source>
        <translation>收到時間(&amp;V)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>限期</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>負責人(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>狀態(&amp;S)</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回覆</translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation>查詢的內容</translation>
    </message>
    <message>
        <source>Notes for colleagues (not sent to anyone)</source>
        <translation>給同事的備註（不會發送給任何人）</translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation>查詢內容(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>備註(&amp;N)</translation>
    </message>
    <message>
        <source>A new inquiry starts as New; later only the next steps are offered.</source>
        <translation>新查詢的狀態由「新查詢」開始；之後只會提供下一步的選項。</translation>
    </message>
    <message>
        <source>Only the next steps of the workflow are offered.</source>
        <translation>只提供工作流程的下一步選項。</translation>
    </message>
    <message>
        <source>Recorded when the status first leaves New.</source>
        <translation>狀態首次離開「新查詢」時記錄。</translation>
    </message>
    <message>
        <source>Not yet — recorded when the status leaves New.</source>
        <translation>尚未 — 狀態離開「新查詢」時記錄。</translation>
    </message>
    <message>
        <source>%1 (%2 after it came in)</source>
        <translation>%1（收到後 %2）</translation>
    </message>
    <message>
        <source>Say who asked: pick a journalist or type a new one&apos;s name.</source>
        <translation>請註明查詢者：選擇記者，或輸入新記者的姓名。</translation>
    </message>
    <message>
        <source>Write down what was asked.</source>
        <translation>請寫下查詢的內容。</translation>
    </message>
    <message>
        <source>The phone number is not valid.</source>
        <translation>電話號碼無效。</translation>
    </message>
    <message>
        <source>The e-mail address is not valid.</source>
        <translation>電郵地址無效。</translation>
    </message>
    <message>
        <source>Pick the owner from the roster (or leave it empty).</source>
        <translation>請從名冊中選擇負責人（或留空）。</translation>
    </message>
    <message>
        <source>Inquiry not saved</source>
        <translation>查詢未儲存</translation>
    </message>
    <message>
        <source>Inquiry not found</source>
        <translation>找不到查詢</translation>
    </message>
</context>
<context>
    <name>InquiryLabels</name>
    <message>
        <source>New</source>
        <translation>新查詢</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>處理中</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>已回覆</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>已婉拒</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已結束</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>親身查詢</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>來電</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>去電</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分鐘</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小時 %2 分鐘</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 日 %2 小時</translation>
    </message>
    <message>
        <source>Overdue · %1</source>
        <translation>逾期 · %1</translation>
    </message>
    <message>
        <source>Due today %1</source>
        <translation>今日到期 %1</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <source>Asked not to be contacted (opt-out).</source>
        <translation>已要求不被聯絡（拒收）。</translation>
    </message>
    <message>
        <source>Log a call</source>
        <translation>記錄來電</translation>
    </message>
    <message>
        <source>Caller&apos;s number or name: 6986 5822, +852 6986-5822, ６９８６ ５８２２, 黃嘉琪…</source>
        <translation>來電者號碼或姓名：6986 5822、+852 6986-5822、６９８６ ５８２２、黃嘉琪…</translation>
    </message>
    <message>
        <source>New caller (added to the roster)</source>
        <translation>新來電者（會加入名冊）</translation>
    </message>
    <message>
        <source>Name (中文 or English)</source>
        <translation>姓名（中文或英文）</translation>
    </message>
    <message>
        <source>Media outlet</source>
        <translation>傳媒機構</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>O&amp;utlet</source>
        <translation>傳媒機構(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Incoming</source>
        <translation>來電(&amp;I)</translation>
    </message>
    <message>
        <source>Out&amp;going</source>
        <translation>去電(&amp;G)</translation>
    </message>
    <message>
        <source>(no release)</source>
        <translation>（無新聞稿）</translation>
    </message>
    <message>
        <source>What was asked, what you said</source>
        <translation>對方問了甚麼，你如何回應</translation>
    </message>
    <message>
        <source>&amp;Follow-up needed</source>
        <translation>需要跟進(&amp;F)</translation>
    </message>
    <message>
        <source>Also create an in&amp;quiry</source>
        <translation>同時建立查詢(&amp;Q)</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>Save the call (Ctrl+Enter)</source>
        <translation>儲存來電記錄（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation>新聞稿(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;What was asked</source>
        <translation>查詢內容(&amp;W)</translation>
    </message>
    <message>
        <source>Type the caller&apos;s number or name, or a new caller&apos;s name.</source>
        <translation>輸入來電者的號碼或姓名，或新來電者的姓名。</translation>
    </message>
    <message>
        <source>An inquiry needs to know who asked: pick or name the caller.</source>
        <translation>查詢需要註明查詢者：請選擇來電者或輸入其姓名。</translation>
    </message>
    <message>
        <source>Write down what was asked, for the inquiry.</source>
        <translation>請為查詢寫下對方問了甚麼。</translation>
    </message>
    <message>
        <source>Nobody in the roster has %1: add the caller below, or log the call with the number only.</source>
        <translation>名冊中沒有人使用 %1：請在下方新增來電者，或只以號碼記錄來電。</translation>
    </message>
    <message>
        <source>Type the number shown on your phone, or a name.</source>
        <translation>輸入電話上顯示的號碼，或姓名。</translation>
    </message>
    <message>
        <source>Add %1 to this contact&apos;s numbers</source>
        <translation>把 %1 加入此聯絡人的號碼</translation>
    </message>
    <message>
        <source>Call not saved</source>
        <translation>來電記錄未儲存</translation>
    </message>
    <message>
        <source>Call logged (%1) and inquiry %2 created.</source>
        <translation>已記錄來電（%1），並建立查詢 %2。</translation>
    </message>
    <message>
        <source>Call logged (%1).</source>
        <translation>已記錄來電（%1）。</translation>
    </message>
</context>
<context>
    <name>Mail</name>
    <message>
        <source>Security &quot;none&quot; sends your password and your mail unencrypted, so it is allowed only for a mail server on this computer (127.0.0.1 or localhost). Use SSL (usually port 465) or STARTTLS (usually port 587) for any other server.</source>
        <translation>加密選「無」會以未加密方式傳送你的密碼和郵件，所以只限本機上的郵件伺服器（127.0.0.1 或 localhost）。其他伺服器請用 SSL（通常為連接埠 465）或 STARTTLS（通常為連接埠 587）。</translation>
    </message>
    <message>
        <source>%1 is not an e-mail address.</source>
        <translation>%1 不是電郵地址。</translation>
    </message>
    <message>
        <source>%1 has non-ASCII characters before the @, which needs a mail system feature (SMTPUTF8) PressDesk does not use; ask for another address.</source>
        <translation>%1 在 @ 之前有非 ASCII 字元，需要 PressDesk 並不使用的郵件系統功能（SMTPUTF8）；請索取另一個地址。</translation>
    </message>
    <message>
        <source>There is no recipient: add the journalist&apos;s e-mail address.</source>
        <translation>沒有收件人：請加入記者的電郵地址。</translation>
    </message>
    <message>
        <source>There is no sender address: set your From address in the settings.</source>
        <translation>沒有寄件人地址：請在設定中填寫你的寄件人地址。</translation>
    </message>
    <message>
        <source>The subject is empty.</source>
        <translation>主旨是空白的。</translation>
    </message>
    <message>
        <source>The certificate file %1 in the settings does not exist.</source>
        <translation>設定中的憑證檔案 %1 不存在。</translation>
    </message>
    <message>
        <source>The certificate file %1 in the settings cannot be used: %2</source>
        <translation>設定中的憑證檔案 %1 無法使用：%2</translation>
    </message>
    <message>
        <source>Check the port and the security setting (SSL is usually port 465, STARTTLS port 587).</source>
        <translation>請檢查連接埠及加密設定（SSL 通常為連接埠 465，STARTTLS 為 587）。</translation>
    </message>
    <message>
        <source>No outgoing mail server is set up: enter the SMTP server in the settings.</source>
        <translation>尚未設定外寄郵件伺服器：請在設定中填寫 SMTP 伺服器。</translation>
    </message>
    <message>
        <source>The password of %1 on %2 is needed to send.</source>
        <translation>發送前需要 %1 在 %2 的密碼。</translation>
    </message>
    <message>
        <source>The server %1 does not offer STARTTLS, so the password and mail would travel unencrypted. %2</source>
        <translation>伺服器 %1 不提供 STARTTLS，密碼和郵件會以未加密方式傳送。%2</translation>
    </message>
    <message>
        <source>The server %1 refused the login of %2 (%3). Check the user name and password.</source>
        <translation>伺服器 %1 拒絕了 %2 的登入（%3）。請檢查用戶名稱及密碼。</translation>
    </message>
    <message>
        <source>The server %1 does not support what was asked of it (%2). If it needs no login, leave the SMTP user empty.</source>
        <translation>伺服器 %1 不支援所要求的操作（%2）。如伺服器毋須登入，請留空 SMTP 用戶名稱。</translation>
    </message>
    <message>
        <source>The server %1 refused every recipient, so nothing was sent: %2.</source>
        <translation>伺服器 %1 拒絕了所有收件人，所以沒有發出任何郵件：%2。</translation>
    </message>
    <message>
        <source>The server %1 refused the sender address %2 (%3). Use the address of the mail account you log in with.</source>
        <translation>伺服器 %1 拒絕了寄件人地址 %2（%3）。請使用你登入的郵件帳戶的地址。</translation>
    </message>
    <message>
        <source>The server %1 closed the connection (%2). %3</source>
        <translation>伺服器 %1 中斷了連線（%2）。%3</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>沒有說明原因</translation>
    </message>
    <message>
        <source>The server %1 did not accept the message (%2).</source>
        <translation>伺服器 %1 不接受這封郵件（%2）。</translation>
    </message>
    <message>
        <source>Sending through %1 failed: %2</source>
        <translation>經 %1 發送失敗：%2</translation>
    </message>
    <message>
        <source>The certificate of %1 could not be verified (%2), so nothing was sent. If your organisation uses its own certificate authority, set its certificate file (CA file) in the settings.</source>
        <translation>無法驗證 %1 的憑證（%2），所以沒有發出任何郵件。如你的機構使用自己的憑證機構，請在設定中指定其憑證檔案（CA 檔案）。</translation>
    </message>
    <message>
        <source>The encrypted connection to %1 failed (%2). %3</source>
        <translation>與 %1 的加密連線失敗（%2）。%3</translation>
    </message>
    <message>
        <source>The server %1 did not answer within %2 seconds.</source>
        <translation>伺服器 %1 在 %2 秒內沒有回應。</translation>
    </message>
    <message>
        <source>The server name %1 cannot be found (%2). Check the name and your network connection.</source>
        <translation>找不到伺服器名稱 %1（%2）。請檢查名稱及網絡連線。</translation>
    </message>
    <message>
        <source>The server %1 refused a connection on port %2. Check the port.</source>
        <translation>伺服器 %1 拒絕了連接埠 %2 的連線。請檢查連接埠。</translation>
    </message>
    <message>
        <source>Cannot reach the server %1: %2.</source>
        <translation>無法連接伺服器 %1：%2。</translation>
    </message>
    <message>
        <source>The user name or password contains characters the mail login cannot carry (only ASCII is possible).</source>
        <translation>用戶名稱或密碼含有郵件登入無法傳送的字元（只可使用 ASCII）。</translation>
    </message>
    <message>
        <source>Cannot save %1: %2.</source>
        <translation>無法儲存 %1：%2。</translation>
    </message>
    <message>
        <source>The message is too long to hand to the mail client as a link (%1 characters encoded; at most %2 arrive whole, and every Chinese character takes 9). Save it as .eml and open that, or send it from PressDesk.</source>
        <translation>郵件太長，無法以連結交給郵件程式（編碼後有 %1 個字元；最多只有 %2 個能完整送達，而每個中文字佔 9 個字元）。請另存為 .eml 再開啟，或直接從 PressDesk 發送。</translation>
    </message>
    <message>
        <source>The mail client could not be opened; check that one is set up as the default for e-mail, or save the reply as .eml instead.</source>
        <translation>無法開啟郵件程式；請檢查是否已設定預設的電郵程式，或改為將回覆另存為 .eml。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PressDesk</source>
        <extracomment>Emitted when the user picks another interface language in Settings.</extracomment>
        <translation>PressDesk</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Search: name (中文 / English), organisation, e-mail or phone digits  (Ctrl+F)</source>
        <translation>搜尋：姓名（中文／英文）、機構、電郵或電話號碼（Ctrl+F）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Import &amp;release…</source>
        <translation>匯入新聞稿(&amp;R)…</translation>
    </message>
    <message>
        <source>Import &amp;contacts…</source>
        <translation>匯入聯絡人(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Export contact sheet…</source>
        <translation>匯出聯絡人名單(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Mail server…</source>
        <translation>郵件伺服器(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo delete</source>
        <translation>復原刪除(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>搜尋(&amp;F)</translation>
    </message>
    <message>
        <source>Find &amp;duplicates…</source>
        <translation>尋找重複項目(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Inquiries</source>
        <translation>查詢(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;New inquiry…</source>
        <translation>新增查詢(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Log a call…</source>
        <translation>記錄來電(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Find caller…</source>
        <translation>查找來電者(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Reply by e-mail…</source>
        <translation>以電郵回覆(&amp;R)…</translation>
    </message>
    <message>
        <source>Reply &amp;templates…</source>
        <translation>回覆範本(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>重新整理(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About PressDesk</source>
        <translation>關於 PressDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>資料庫：%1</translation>
    </message>
</context>
<context>
    <name>OrderedTable</name>
    <message>
        <source>Add…</source>
        <translation>加入…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Issuer</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>PR agency</source>
        <translation>公關公司</translation>
    </message>
    <message>
        <source>Media outlet</source>
        <translation>傳媒機構</translation>
    </message>
    <message>
        <source>Government</source>
        <translation>政府</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Edit organisation</source>
        <translation>編輯機構</translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation>新增機構</translation>
    </message>
    <message>
        <source>e.g. 愛德曼國際公關公司</source>
        <translation>例如：愛德曼國際公關公司</translation>
    </message>
    <message>
        <source>e.g. Edelman</source>
        <translation>例如：Edelman</translation>
    </message>
    <message>
        <source>e.g. HKSTP</source>
        <translation>例如：HKSTP</translation>
    </message>
    <message>
        <source>e.g. 科技園</source>
        <translation>例如：科技園</translation>
    </message>
    <message>
        <source>e.g. www.hkstp.org</source>
        <translation>例如：www.hkstp.org</translation>
    </message>
    <message>
        <source>Phone numbers of this organisation&apos;s contacts typed without a country code are read as numbers of this region.</source>
        <translation>此機構聯絡人的電話號碼如沒有國家／地區代碼，會視為此地區的號碼。</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名稱</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名稱</translation>
    </message>
    <message>
        <source>Short name (English)</source>
        <translation>簡稱（英文）</translation>
    </message>
    <message>
        <source>Short name (Chinese)</source>
        <translation>簡稱（中文）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>網站</translation>
    </message>
    <message>
        <source>Default phone region</source>
        <translation>預設電話地區</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Give the organisation a Chinese or English name.</source>
        <translation>請為機構填寫中文或英文名稱。</translation>
    </message>
    <message>
        <source>The website is not a web address.</source>
        <translation>網站不是有效的網址。</translation>
    </message>
    <message>
        <source>Changed by a colleague</source>
        <translation>已被同事修改</translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation>機構未能儲存</translation>
    </message>
</context>
<context>
    <name>OrganizationPickerDialog</name>
    <message>
        <source>Add issuer</source>
        <translation>加入發布機構</translation>
    </message>
    <message>
        <source>Name or short name (中文 / English)</source>
        <translation>名稱或簡稱（中文／英文）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加入</translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>類型</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation>電話地區</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>網站</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>New organisation…</source>
        <translation>新增機構…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Show in Contacts</source>
        <translation>在「聯絡人」中顯示</translation>
    </message>
    <message>
        <source>New contact here…</source>
        <translation>在此機構新增聯絡人…</translation>
    </message>
    <message numerus="yes">
        <source>%n organisation(s)</source>
        <translation>
            <numerusform>%n 個機構</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an organisation to see its contacts.</source>
        <translation>選擇機構以查看其聯絡人。</translation>
    </message>
    <message>
        <source>Contacts of %1 (%2)</source>
        <translation>%1 的聯絡人（%2）</translation>
    </message>
    <message>
        <source>Delete %1? Its %2 contact(s) stay in the roster without an organisation.

You can bring it back, with its contacts, with Edit → Undo delete (Ctrl+Z).</source>
        <translation>刪除 %1？其 %2 位聯絡人會保留在名冊中，但不再屬於任何機構。

你可以用「編輯 → 復原刪除」（Ctrl+Z）連同其聯絡人一併還原。</translation>
    </message>
    <message>
        <source>Delete %1?

You can bring it back with Edit → Undo delete (Ctrl+Z).</source>
        <translation>刪除 %1？

你可以用「編輯 → 復原刪除」（Ctrl+Z）還原。</translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation>刪除機構</translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation>機構未能刪除</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Mail server password</source>
        <translation>郵件伺服器密碼</translation>
    </message>
    <message>
        <source>Password of %1 on %2:</source>
        <translation>%1 於 %2 的密碼：</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <source>e.g. 6986 5822 or +86 151 2004 9549</source>
        <translation>例如：6986 5822 或 +86 151 2004 9549</translation>
    </message>
    <message>
        <source>Give one number here, not several.</source>
        <translation>此處只可填寫一個號碼。</translation>
    </message>
    <message>
        <source>Reads as %1</source>
        <translation>視為 %1</translation>
    </message>
    <message>
        <source>Not a valid phone number: %1</source>
        <translation>電話號碼無效：%1</translation>
    </message>
</context>
<context>
    <name>PhoneRegions</name>
    <message>
        <source>Hong Kong SAR China</source>
        <translation>香港</translation>
    </message>
    <message>
        <source>Macao SAR China</source>
        <translation>澳門</translation>
    </message>
    <message>
        <source>China</source>
        <translation>中國內地</translation>
    </message>
    <message>
        <source>Taiwan</source>
        <translation>台灣</translation>
    </message>
</context>
<context>
    <name>ProgressTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReleaseColumns</name>
    <message>
        <source>%1 of %2 inquiries have had a first response</source>
        <translation>%2 項查詢中有 %1 項已首次回覆</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Median first response</source>
        <translation>首次回覆中位數</translation>
    </message>
</context>
<context>
    <name>ReleaseEditor</name>
    <message>
        <source>Edit release</source>
        <translation>編輯新聞稿</translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>（無日期）</translation>
    </message>
    <message>
        <source>Embargoed until</source>
        <translation>禁發至</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation>標題（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>標題（英文）</translation>
    </message>
    <message>
        <source>Subtitle (中文)</source>
        <translation>副題（中文）</translation>
    </message>
    <message>
        <source>Subtitle (English)</source>
        <translation>副題（英文）</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Embargo</source>
        <translation>禁發時間</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>備註</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <comment>job title</comment>
        <translation>職銜（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <comment>job title</comment>
        <translation>職銜（英文）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>詳情</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Media contacts</source>
        <translation>傳媒聯絡人</translation>
    </message>
    <message>
        <source>Spokespeople</source>
        <translation>發言人</translation>
    </message>
    <message>
        <source>Add media contact</source>
        <translation>加入傳媒聯絡人</translation>
    </message>
    <message>
        <source>Add spokesperson</source>
        <translation>加入發言人</translation>
    </message>
    <message>
        <source>A release needs a title, in Chinese or in English.</source>
        <translation>新聞稿需要中文或英文標題。</translation>
    </message>
</context>
<context>
    <name>ReleaseImport</name>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Media contact</source>
        <translation>傳媒聯絡人</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已修正</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>Import release</source>
        <translation>匯入新聞稿</translation>
    </message>
    <message>
        <source>Press releases (*.txt *.docx);;Text files (*.txt);;Word documents (*.docx);;All files (*)</source>
        <translation>新聞稿 (*.txt *.docx);;文字檔 (*.txt);;Word 文件 (*.docx);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 contact(s) added, %3 merged.</source>
        <translation>已匯入 %1：新增 %2 位聯絡人，合併 %3 位。</translation>
    </message>
</context>
<context>
    <name>ReleaseImportDialog</name>
    <message>
        <source>Import release — %1</source>
        <translation>匯入新聞稿 — %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在讀取 %1…</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation>標題（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>標題（英文）</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>副題</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Will be written</source>
        <translation>將會寫入</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>新聞稿</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>電話號碼</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>電郵地址</translation>
    </message>
    <message>
        <source>Media contacts listed</source>
        <translation>列出的傳媒聯絡人</translation>
    </message>
    <message>
        <source>Spokespeople listed</source>
        <translation>列出的發言人</translation>
    </message>
    <message>
        <source>Merged with the roster</source>
        <translation>與名冊合併</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>嚴重程度</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>欄位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>內容</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>建議</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>訊息</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phones (as written)</source>
        <translation>電話（原文）</translation>
    </message>
    <message>
        <source>E-mails (as written)</source>
        <translation>電郵（原文）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>職銜</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>Media contacts</source>
        <translation>傳媒聯絡人</translation>
    </message>
    <message>
        <source>Spokespeople</source>
        <translation>發言人</translation>
    </message>
    <message>
        <source>Merges</source>
        <translation>合併</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>%1 · %2 · %3: “%4”
%5</source>
        <translation>%1 · %2 · %3：「%4」
%5</translation>
    </message>
    <message>
        <source>Suggestion: %1</source>
        <translation>建議：%1</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>問題（%1）</translation>
    </message>
    <message>
        <source>No problems: every value was read as written.</source>
        <translation>沒有問題：所有內容均按原文讀取。</translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation>（找不到）</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Word 文件</translation>
    </message>
    <message>
        <source>(team mailbox)</source>
        <translation>（團隊郵箱）</translation>
    </message>
    <message>
        <source>Nobody: every contact is new.</source>
        <translation>沒有：全部都是新聯絡人。</translation>
    </message>
    <message>
        <source>Media contacts (%1)</source>
        <translation>傳媒聯絡人（%1）</translation>
    </message>
    <message>
        <source>Spokespeople (%1)</source>
        <translation>發言人（%1）</translation>
    </message>
    <message>
        <source>Merges (%1)</source>
        <translation>合併（%1）</translation>
    </message>
    <message>
        <source>This release is in the database already; importing it again would change nothing.</source>
        <translation>此新聞稿已在資料庫中；再次匯入不會有任何改變。</translation>
    </message>
    <message>
        <source>Nothing has been written yet. Check the release and the problems, then press Import.</source>
        <translation>尚未寫入任何資料。請檢查新聞稿及問題，然後按「匯入」。</translation>
    </message>
    <message>
        <source>%1 value(s) cannot be imported and will be kept in the contact&apos;s notes. Nothing has been written yet.</source>
        <translation>%1 項內容無法匯入，會保留於聯絡人的備註中。尚未寫入任何資料。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>This file cannot be imported: %1 Nothing was written.</source>
        <translation>此檔案無法匯入：%1 未有寫入任何資料。</translation>
    </message>
    <message>
        <source>The file could not be read because of an error in PressDesk (see the log). Nothing was written.</source>
        <translation>PressDesk 出現錯誤，無法讀取檔案（請參閱記錄檔）。未有寫入任何資料。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在匯入…</translation>
    </message>
</context>
<context>
    <name>ReleasesView</name>
    <message>
        <source>History…</source>
        <extracomment>(generation, release ids) of rows just loaded whose figures are wanted.</extracomment>
        <translation>修改記錄…</translation>
    </message>
    <message>
        <source>Pick a release to see its media contacts and inquiries.</source>
        <translation>選擇新聞稿以查看其傳媒聯絡人及查詢。</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Embargo</source>
        <translation>禁發時間</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>編輯…</translation>
    </message>
    <message>
        <source>Export contact sheet…</source>
        <translation>匯出聯絡人名單…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>加入…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation>職銜（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>職銜（英文）</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到時間</translation>
    </message>
    <message>
        <source>Journalist</source>
        <translation>記者</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>傳媒機構</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>截稿時間</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次回覆</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>新聞稿</translation>
    </message>
    <message numerus="yes">
        <source>%n release(s)</source>
        <translation>
            <numerusform>%n 份新聞稿</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation>（無日期）</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Media contacts (%1)</source>
        <translation>傳媒聯絡人（%1）</translation>
    </message>
    <message>
        <source>Spokespeople (%1)</source>
        <translation>發言人（%1）</translation>
    </message>
    <message>
        <source>Inquiries (%1)</source>
        <translation>查詢（%1）</translation>
    </message>
    <message>
        <source>Release not changed</source>
        <translation>新聞稿未能更改</translation>
    </message>
    <message>
        <source>Add media contact</source>
        <translation>加入傳媒聯絡人</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>The mail server refused the login: check the user name and password (File → Mail server…).</source>
        <translation>郵件伺服器拒絕登入：請檢查用戶名稱及密碼（檔案 → 郵件伺服器…）。</translation>
    </message>
    <message>
        <source>The mail server could not be reached: check the server name, the port and the network.</source>
        <translation>無法連接郵件伺服器：請檢查伺服器名稱、連接埠及網絡。</translation>
    </message>
    <message>
        <source>A secure connection to the mail server could not be made.</source>
        <translation>無法與郵件伺服器建立加密連線。</translation>
    </message>
    <message>
        <source>The mail server refused a recipient: check the To and Cc addresses.</source>
        <translation>郵件伺服器拒絕了收件人：請檢查「收件人」及「副本」地址。</translation>
    </message>
    <message>
        <source>The mail server refused your From address.</source>
        <translation>郵件伺服器拒絕了你的寄件人地址。</translation>
    </message>
    <message>
        <source>An address is not valid.</source>
        <translation>有地址無效。</translation>
    </message>
    <message>
        <source>The mail server is not set up (File → Mail server…).</source>
        <translation>尚未設定郵件伺服器（檔案 → 郵件伺服器…）。</translation>
    </message>
    <message>
        <source>Your mail client could not take this message: save it as .eml instead.</source>
        <translation>你的郵件程式無法接收這封郵件：請改為另存為 .eml。</translation>
    </message>
    <message>
        <source>The reply could not be delivered.</source>
        <translation>回覆未能送出。</translation>
    </message>
    <message>
        <source>Outlook opens the .eml as a draft ready to send. Thunderbird opens it read-only, as a received message: choose Message → Edit as New Message (Ctrl+E) there to send it, or use &quot;Open in mail client&quot; instead.</source>
        <translation>Outlook 會把 .eml 開啟為可直接發送的草稿。Thunderbird 則以唯讀方式開啟，當作已收到的郵件：請在 Thunderbird 選擇「Message → Edit as New Message」（Ctrl+E）再發送，或改用「在郵件程式開啟」。</translation>
    </message>
    <message>
        <source>Reply by e-mail</source>
        <extracomment>Emitted with deliver_reply&apos;s result once the reply is delivered and logged. Emitted with the message shown when delivery failed (nothing was logged).</extracomment>
        <translation>以電郵回覆</translation>
    </message>
    <message>
        <source>%1 (the journalist&apos;s language)</source>
        <translation>%1（記者的語言）</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>範本</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>more addresses, separated by commas</source>
        <translation>其他地址，以逗號分隔</translation>
    </message>
    <message>
        <source>Message (sent exactly as shown)</source>
        <translation>訊息（按所示內容原樣發送）</translation>
    </message>
    <message>
        <source>HTML part</source>
        <translation>HTML 部分</translation>
    </message>
    <message>
        <source>From</source>
        <translation>寄件人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <source>Send anyway: I have a reason to override the opt-out (it is recorded)</source>
        <translation>仍然發送：我有理由凌駕拒收要求（會記錄在案）</translation>
    </message>
    <message>
        <source>Afterwards, set the inquiry&apos;s status to</source>
        <translation>發送後，把查詢狀態設為</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>發送(&amp;S)</translation>
    </message>
    <message>
        <source>Open in &amp;mail client</source>
        <translation>在郵件程式開啟(&amp;M)</translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation>另存為 .eml(&amp;E)…</translation>
    </message>
    <message>
        <source>Opens a new message in your mail client with To, Cc, subject and the plain text filled in (no HTML part). A long message does not fit in the link: save it as .eml instead.</source>
        <translation>在你的郵件程式開啟新郵件，並填上收件人、副本、主旨及純文字內容（不含 HTML 部分）。太長的郵件無法放入連結：請改為另存為 .eml。</translation>
    </message>
    <message>
        <source>Replies already sent on this inquiry</source>
        <translation>此查詢已發送的回覆</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>狀態：%1</translation>
    </message>
    <message>
        <source>First response: %1 (after %2)</source>
        <translation>首次回覆：%1（相隔 %2）</translation>
    </message>
    <message>
        <source>No response yet</source>
        <translation>尚未回覆</translation>
    </message>
    <message>
        <source>%1 · %2 · to %3 · %4</source>
        <translation>%1 · %2 · 致 %3 · %4</translation>
    </message>
    <message>
        <source>This template cannot be filled for this inquiry: the field &quot;%1&quot; has no value. Nothing can be sent with it; choose another template or fix the template.</source>
        <translation>此範本無法套用於這項查詢：欄位「%1」沒有內容。無法以此範本發送；請選擇其他範本或修正範本。</translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation>此範本無法使用：%1</translation>
    </message>
    <message>
        <source>(no From address: set it in File → Mail server…)</source>
        <translation>（沒有寄件人地址：請在「檔案 → 郵件伺服器…」設定）</translation>
    </message>
    <message>
        <source>%1 asked not to be e-mailed (opt-out). Nothing will be sent unless you tick the override below.</source>
        <translation>%1 已要求不接收電郵（拒收）。除非你勾選下方的凌駕選項，否則不會發送。</translation>
    </message>
    <message>
        <source>There is no message to send.</source>
        <translation>沒有可發送的訊息。</translation>
    </message>
    <message>
        <source>There is no template in this language.</source>
        <translation>沒有此語言的範本。</translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation>正在發送至 %1…</translation>
    </message>
    <message>
        <source>Sending the reply…</source>
        <translation>正在發送回覆…</translation>
    </message>
    <message>
        <source>Save reply as .eml (Outlook: a draft; Thunderbird: Edit as New Message)</source>
        <translation>將回覆另存為 .eml（Outlook：草稿；Thunderbird：Edit as New Message）</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已發送</translation>
    </message>
    <message>
        <source>.eml saved</source>
        <translation>已存為 .eml</translation>
    </message>
    <message>
        <source>mail client</source>
        <translation>郵件程式</translation>
    </message>
    <message>
        <source>Select an inquiry in the Inquiries view first, then choose Reply by e-mail.</source>
        <translation>請先在「查詢」檢視中選取一項查詢，然後選擇「以電郵回覆」。</translation>
    </message>
    <message>
        <source>E-mail message (*.eml)</source>
        <translation>電郵訊息 (*.eml)</translation>
    </message>
    <message>
        <source>Sent to %1 at %2.</source>
        <translation>已於 %2 發送至 %1。</translation>
    </message>
    <message>
        <source>Saved for %1 at %2 as %3; the reply is logged.</source>
        <translation>已於 %2 為 %1 儲存為 %3；回覆已記錄。</translation>
    </message>
    <message>
        <source>Handed to your mail client for %1 at %2; logged.</source>
        <translation>已於 %2 交由你的郵件程式發送給 %1；已記錄。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>伺服器拒絕：%1</translation>
    </message>
    <message>
        <source>Something unexpected went wrong while sending; check Sent mail before retrying.</source>
        <translation>發送時發生未預期的錯誤；重試前請先檢查寄件備份。</translation>
    </message>
</context>
<context>
    <name>ReplyFields</name>
    <message>
        <source>today&apos;s date, written in the template&apos;s language</source>
        <translation>今日的日期，以範本的語言書寫</translation>
    </message>
    <message>
        <source>the template&apos;s language (zh-HK or en)</source>
        <translation>範本的語言（zh-HK 或 en）</translation>
    </message>
    <message>
        <source>the journalist&apos;s name; with their honorific</source>
        <translation>記者的姓名；連同稱謂</translation>
    </message>
    <message>
        <source>the journalist&apos;s first e-mail, phone, job title</source>
        <translation>記者的第一個電郵、電話、職銜</translation>
    </message>
    <message>
        <source>the journalist&apos;s outlet</source>
        <translation>記者所屬的傳媒機構</translation>
    </message>
    <message>
        <source>what was asked, and how</source>
        <translation>查詢的內容及途徑</translation>
    </message>
    <message>
        <source>ISO times: use |date or |datetime</source>
        <translation>ISO 格式時間：請用 |date 或 |datetime</translation>
    </message>
    <message>
        <source>the release the inquiry is about</source>
        <translation>查詢所涉及的新聞稿</translation>
    </message>
    <message>
        <source>the issuing organisations (joined, or a list)</source>
        <translation>發布機構（已連接成一句，或列表）</translation>
    </message>
    <message>
        <source>the release&apos;s bullet points, in the release&apos;s language</source>
        <translation>新聞稿的重點，以新聞稿的語言書寫</translation>
    </message>
    <message>
        <source>list: .name, .addressee, .title, .organization, .media_contact</source>
        <translation>列表：.name、.addressee、.title、.organization、.media_contact</translation>
    </message>
    <message>
        <source>the spokesperson asked for (named in the question, or chosen)</source>
        <translation>獲邀的發言人（查詢中提及的，或你所選的）</translation>
    </message>
    <message>
        <source>list: .name, .organization, .phone, .email, .reach</source>
        <translation>列表：.name、.organization、.phone、.email、.reach</translation>
    </message>
    <message>
        <source>you, from the settings</source>
        <translation>你自己，取自設定</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Custom</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>重新整理</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>期間：</translation>
    </message>
    <message>
        <source>from</source>
        <translation>由</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Stacked bars</source>
        <translation>堆疊棒形圖</translation>
    </message>
    <message>
        <source>Grouped bars</source>
        <translation>分組棒形圖</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>折線圖</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>將圖表儲存為 PNG…</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>將表格匯出為 CSV…</translation>
    </message>
    <message>
        <source>Show as:</source>
        <translation>顯示方式：</translation>
    </message>
    <message>
        <source>Response times by channel</source>
        <translation>按途徑劃分的回覆時間</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <source>Response times by owner</source>
        <translation>按負責人劃分的回覆時間</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>負責人</translation>
    </message>
    <message>
        <source>Every release, all time (overdue: as of now).</source>
        <translation>所有新聞稿，不限時間（逾期：截至現在）。</translation>
    </message>
    <message>
        <source>Inquiries per day</source>
        <translation>每日查詢</translation>
    </message>
    <message>
        <source>Response times</source>
        <translation>回覆時間</translation>
    </message>
    <message>
        <source>Per release</source>
        <translation>按新聞稿</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>過去 7 日</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>過去 30 日</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>過去 90 日</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>報告</translation>
    </message>
    <message>
        <source>Loading reports…</source>
        <translation>正在載入報告…</translation>
    </message>
    <message numerus="yes">
        <source>%n inquiry(ies) from %1 to %2</source>
        <translation>
            <numerusform>%1 至 %2 期間共 %n 項查詢</numerusform>
        </translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>期間的結束日早於開始日。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未指派</translation>
    </message>
    <message>
        <source>No inquiries were received in this period.</source>
        <translation>此期間沒有收到查詢。</translation>
    </message>
    <message>
        <source>The reports could not be made; see the log.</source>
        <translation>未能製作報告；請參閱記錄檔。</translation>
    </message>
    <message>
        <source>Other releases</source>
        <translation>其他新聞稿</translation>
    </message>
    <message>
        <source>No release</source>
        <translation>無新聞稿</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（無標題）</translation>
    </message>
    <message>
        <source>Inquiries per release per day</source>
        <translation>每份新聞稿每日查詢</translation>
    </message>
    <message>
        <source>Day received%1</source>
        <translation>收到日期%1</translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>將圖表儲存為 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 圖像 (*.png)</translation>
    </message>
    <message>
        <source>Chart not saved</source>
        <translation>圖表未能儲存</translation>
    </message>
    <message>
        <source>Cannot write %1. Choose a folder you can write to.</source>
        <translation>無法寫入 %1。請選擇可寫入的資料夾。</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>圖表已儲存至 %1</translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation>將表格匯出為 CSV</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>Excel 適用的 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Table not exported</source>
        <translation>表格未能匯出</translation>
    </message>
    <message>
        <source>Table exported to %1</source>
        <translation>表格已匯出至 %1</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已回覆</translation>
    </message>
    <message>
        <source>Median time to first response (minutes)</source>
        <translation>首次回覆時間中位數（分鐘）</translation>
    </message>
    <message>
        <source>90th percentile (minutes)</source>
        <translation>第 90 百分位數（分鐘）</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Release ID</source>
        <translation>新聞稿編號</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation>標題（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>標題（英文）</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>發布日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地點</translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation>發布機構</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation>已回覆</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位數</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>第 90 百分位數</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>將圖表儲存為 PNG…</translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation>將表格匯出為 CSV…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在載入…</translation>
    </message>
    <message>
        <source>No inquiry in this period has had a first response yet.</source>
        <translation>此期間的查詢均未有首次回覆。</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分鐘</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>小時</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>日</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 of %2 inquiries have had a first response</source>
        <translation>%2 項查詢中有 %1 項已首次回覆</translation>
    </message>
    <message>
        <source>In brackets: inquiries with a first response</source>
        <translation>括號內：已首次回覆的查詢</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>介面語言</translation>
    </message>
    <message>
        <source>Your name (stamped on your changes)</source>
        <translation>你的姓名（記錄於你的修改）</translation>
    </message>
    <message>
        <source>Your title</source>
        <translation>你的職銜</translation>
    </message>
    <message>
        <source>Your organisation</source>
        <translation>你的機構</translation>
    </message>
    <message>
        <source>Your phone</source>
        <translation>你的電話</translation>
    </message>
    <message>
        <source>Reply from (e-mail)</source>
        <translation>回覆寄件人（電郵）</translation>
    </message>
    <message>
        <source>Reply from (display name)</source>
        <translation>回覆寄件人（顯示名稱）</translation>
    </message>
    <message>
        <source>A new interface language applies at once; the window is rebuilt.</source>
        <translation>新的介面語言會即時生效，視窗會重新建立。</translation>
    </message>
</context>
<context>
    <name>SmtpSettingsDialog</name>
    <message>
        <source>No system keyring is available (no keyring service such as GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager is running); the password is kept only until you quit.</source>
        <translation>沒有可用的系統鑰匙圈（GNOME Keyring、KWallet、macOS 鑰匙圈或 Windows 認證管理員等服務均未運行）；密碼只會保留至你結束程式為止。</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>郵件伺服器（SMTP）</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS（通常為連接埠 587）</translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS（通常為連接埠 465）</translation>
    </message>
    <message>
        <source>None (only a server on this computer)</source>
        <translation>無（只限本機上的伺服器）</translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation>已儲存；輸入以取代</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未儲存</translation>
    </message>
    <message>
        <source>The password is kept in the system keyring, never in a file.</source>
        <translation>密碼存放於系統鑰匙圈，絕不會寫入檔案。</translation>
    </message>
    <message>
        <source>optional: your organisation&apos;s CA certificate</source>
        <translation>選填：你機構的 CA 憑證</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用戶名稱</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密碼</translation>
    </message>
    <message>
        <source>Send from (e-mail)</source>
        <translation>寄件人（電郵）</translation>
    </message>
    <message>
        <source>Send from (name)</source>
        <translation>寄件人（名稱）</translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation>憑證機構</translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation>發送測試訊息</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>憑證 (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation>正在發送測試訊息…</translation>
    </message>
    <message>
        <source>Test message sent to %1.</source>
        <translation>測試訊息已發送至 %1。</translation>
    </message>
    <message>
        <source>Mail settings not saved</source>
        <translation>郵件設定未能儲存</translation>
    </message>
    <message>
        <source>Password kept for this session only</source>
        <translation>密碼只在今次使用期間保留</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Reply templates</source>
        <translation>回覆範本</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新增(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reset to default</source>
        <translation>重設為預設(&amp;R)</translation>
    </message>
    <message>
        <source>Optional: the same message as HTML</source>
        <translation>選填：同一訊息的 HTML 版本</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>純文字</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>Fields you can use</source>
        <translation>可用欄位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名稱</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主旨</translation>
    </message>
    <message>
        <source>Reload the stored version</source>
        <translation>重新載入已儲存的版本</translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation>儲存範本(&amp;S)</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>your own</source>
        <translation>自訂</translation>
    </message>
    <message>
        <source>Add an inquiry to see a preview.</source>
        <translation>新增查詢後即可預覽。</translation>
    </message>
    <message>
        <source>Preview for inquiry %1 (the newest):</source>
        <translation>查詢 %1（最新）的預覽：</translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has no value for this inquiry: %2</source>
        <translation>欄位「%1」在此查詢中沒有內容：%2</translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation>放棄修改？</translation>
    </message>
    <message>
        <source>The template you were editing has unsaved changes. Discard them?</source>
        <translation>你正在編輯的範本有未儲存的修改。要放棄嗎？</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未能儲存：%1</translation>
    </message>
    <message>
        <source>Someone else changed or deleted this template since you opened it: %1 Your text is still in the editor; copy what you need, then reload.</source>
        <translation>你開啟此範本後，有其他人修改或刪除了它：%1 你的文字仍在編輯器中；請複製所需內容，然後重新載入。</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>刪除範本</translation>
    </message>
    <message>
        <source>Delete the template &quot;%1&quot;? Replies already sent keep their text.</source>
        <translation>刪除範本「%1」？已發送的回覆會保留其內容。</translation>
    </message>
    <message>
        <source>Reset template</source>
        <translation>重設範本</translation>
    </message>
    <message>
        <source>Put &quot;%1&quot; back to the text PressDesk ships? Your edits are lost.</source>
        <translation>把「%1」還原為 PressDesk 內置的文字？你的修改將會遺失。</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Deleted contact %1. Undo: Ctrl+Z</source>
        <translation>已刪除聯絡人 %1。復原：Ctrl+Z</translation>
    </message>
    <message>
        <source>Deleted organisation %1. Undo: Ctrl+Z</source>
        <translation>已刪除機構 %1。復原：Ctrl+Z</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>沒有可復原的操作。</translation>
    </message>
    <message>
        <source>Restored contact %1.</source>
        <translation>已還原聯絡人 %1。</translation>
    </message>
    <message>
        <source>Restored organisation %1.</source>
        <translation>已還原機構 %1。</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>無法復原</translation>
    </message>
</context>
<context>
    <name>ValidatedField</name>
    <message>
        <source>Required.</source>
        <extracomment>Emitted when the field turns valid or invalid. Emitted after every check (the text changed, or a suggestion was applied).</extracomment>
        <translation>必填。</translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation>使用 %1</translation>
    </message>
    <message>
        <source>Replace what you typed with %1</source>
        <translation>以 %1 取代你輸入的內容</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>two</source>
        <translation>兩</translation>
    </message>
    <message>
        <source>three</source>
        <translation>三</translation>
    </message>
    <message>
        <source>four</source>
        <translation>四</translation>
    </message>
    <message>
        <source>no e-mail address given</source>
        <translation>未有填寫電郵地址</translation>
    </message>
    <message>
        <source>%1 is an Exchange address inside one organisation (an X.500 name), not an e-mail address: it reaches nobody outside.</source>
        <translation>%1 是機構內部的 Exchange 地址（X.500 名稱），不是電郵地址：機構以外的人無法以此聯絡。</translation>
    </message>
    <message>
        <source>%1 was typed with full-width characters; read as %2.</source>
        <translation>%1 以全形字元輸入；已讀作 %2。</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1；%2</translation>
    </message>
    <message>
        <source>%1 is not a valid e-mail address: %2.</source>
        <translation>%1 不是有效的電郵地址：%2。</translation>
    </message>
    <message>
        <source>%1 is not a valid e-mail address: %2. Did you mean %3?</source>
        <translation>%1 不是有效的電郵地址：%2。你是否想輸入 %3？</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知錯誤</translation>
    </message>
    <message>
        <source>%1 looks like a misspelling of %2</source>
        <translation>%1 看來是 %2 的拼寫錯誤</translation>
    </message>
    <message>
        <source>it has an invisible character or a full-width space in it</source>
        <translation>含有隱形字元或全形空格</translation>
    </message>
    <message>
        <source>it holds %1 addresses; give each one on its own</source>
        <translation>其中有%1個地址，請逐一分開輸入</translation>
    </message>
    <message>
        <source>it starts with the label %1</source>
        <translation>開頭有標籤 %1</translation>
    </message>
    <message>
        <source>it starts with &apos;mailto:&apos;</source>
        <translation>開頭有「mailto:」</translation>
    </message>
    <message>
        <source>it has a name or &lt;&gt; around the address</source>
        <translation>地址前後有名稱或 &lt;&gt;</translation>
    </message>
    <message>
        <source>it has no @</source>
        <translation>沒有 @</translation>
    </message>
    <message>
        <source>it has two @ in a row</source>
        <translation>連續有兩個 @</translation>
    </message>
    <message>
        <source>it has %1 @</source>
        <translation>有%1個 @</translation>
    </message>
    <message>
        <source>it has quotes or brackets around it</source>
        <translation>前後有引號或括號</translation>
    </message>
    <message>
        <source>it ends with %1</source>
        <translation>結尾有 %1</translation>
    </message>
    <message>
        <source>it starts with %1</source>
        <translation>開頭有 %1</translation>
    </message>
    <message>
        <source>it has &apos;at&apos; instead of @</source>
        <translation>用了「at」代替 @</translation>
    </message>
    <message>
        <source>it has &apos;dot&apos; instead of &apos;.&apos;</source>
        <translation>用了「dot」代替「.」</translation>
    </message>
    <message>
        <source>it has a space in it</source>
        <translation>含有空格</translation>
    </message>
    <message>
        <source>nothing comes before the @</source>
        <translation>@ 前面沒有內容</translation>
    </message>
    <message>
        <source>nothing comes after the @</source>
        <translation>@ 後面沒有內容</translation>
    </message>
    <message>
        <source>it has &apos;,&apos; instead of &apos;.&apos; after the @</source>
        <translation>@ 後面用了「,」代替「.」</translation>
    </message>
    <message>
        <source>it has two dots in a row</source>
        <translation>連續有兩個點</translation>
    </message>
    <message>
        <source>the domain %1 has no top-level part such as .com or .hk</source>
        <translation>網域 %1 沒有 .com 或 .hk 之類的頂級網域</translation>
    </message>
    <message>
        <source>no phone number given</source>
        <translation>未有填寫電話號碼</translation>
    </message>
    <message>
        <source>%1 has other text in it (%2); it was left out of the number.</source>
        <translation>%1 含有其他文字（%2），已從號碼中略去。</translation>
    </message>
    <message>
        <source>%1 has no country code; took +%2 from the number before it (%3).</source>
        <translation>%1 沒有國家／地區代碼；已沿用上一個號碼（%3）的 +%2。</translation>
    </message>
    <message>
        <source>%1 has no country code and is not a valid number with +%2 of the number before it; it was read as a %3 number.</source>
        <translation>%1 沒有國家／地區代碼，配上上一個號碼的 +%2 亦不是有效號碼；已當作 %3 號碼處理。</translation>
    </message>
    <message>
        <source>%1 is %2.</source>
        <translation>%1 %2。</translation>
    </message>
    <message>
        <source>not a valid number as typed</source>
        <translation>按輸入的寫法並非有效號碼</translation>
    </message>
    <message>
        <source>%1 is %2; %3: %4?</source>
        <translation>%1 %2；%3：%4？</translation>
    </message>
    <message>
        <source>not a phone number: it has letters in it (%1)</source>
        <translation>不是電話號碼：含有字母（%1）</translation>
    </message>
    <message>
        <source>not a phone number: invalid country code</source>
        <translation>不是電話號碼：國家／地區代碼無效</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>不是電話號碼</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>太短</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>太長</translation>
    </message>
    <message>
        <source>not a phone number: invalid country code +%1</source>
        <translation>不是電話號碼：國家／地區代碼 +%1 無效</translation>
    </message>
    <message>
        <source>%1 digits, %2 numbers have %3</source>
        <translation>%1 位數字，%2 號碼應有 %3 位</translation>
    </message>
    <message>
        <source>%1 digits</source>
        <translation>%1 位數字</translation>
    </message>
    <message>
        <source>too short for a number in %1 (%2)</source>
        <translation>作為 %1 號碼太短（%2）</translation>
    </message>
    <message>
        <source>too long for a number in %1 (%2)</source>
        <translation>作為 %1 號碼太長（%2）</translation>
    </message>
    <message>
        <source>the wrong length for a number in %1 (%2)</source>
        <translation>長度不符 %1 號碼（%2）</translation>
    </message>
    <message>
        <source>not a number in region %1 (+%2): no such number range there</source>
        <translation>不是 %1（+%2）的號碼：當地沒有這個號碼段</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 或 %2</translation>
    </message>
    <message>
        <source>it looks like a mainland China number with its area code, without +86</source>
        <translation>看來是連區號但缺少 +86 的內地號碼</translation>
    </message>
    <message>
        <source>it looks like a Taiwan number with its area code, without +886</source>
        <translation>看來是連區號但缺少 +886 的台灣號碼</translation>
    </message>
    <message>
        <source>letters O, I or l look like typed for digits 0 and 1</source>
        <translation>字母 O、I 或 l 看來是誤打的數字 0 和 1</translation>
    </message>
    <message>
        <source>it looks like a mainland China mobile number without +86</source>
        <translation>看來是缺少 +86 的內地手機號碼</translation>
    </message>
    <message>
        <source>%1 looks like an international prefix written for &apos;+&apos;</source>
        <translation>%1 看來是用來代替「+」的國際冠碼</translation>
    </message>
    <message>
        <source>it looks like country code +%1 without the &apos;+&apos;</source>
        <translation>看來是漏了「+」的國家／地區代碼 +%1</translation>
    </message>
    <message>
        <source>it looks like the last digits of the number before it</source>
        <translation>看來是上一個號碼的尾數</translation>
    </message>
    <message>
        <source>%1 Imported as %2.</source>
        <translation>%1 已匯入為 %2。</translation>
    </message>
    <message>
        <source>%1 is empty: there is no text to read. Expected a press release with a title, a dateline and a media-contact block.</source>
        <translation>%1 是空的：沒有可讀取的文字。應為一份有標題、日期行及傳媒查詢部分的新聞稿。</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>tab-separated</source>
        <translation>以 Tab 分隔的</translation>
    </message>
    <message>
        <source>bar-separated</source>
        <translation>以直線分隔的</translation>
    </message>
    <message>
        <source>%1 looks like a %2 table (most lines have %3 fields separated by %4), not a press release. Expected a press release with a title, a dateline such as 「（香港，2023年12月1日）」 or &quot;HONG KONG, 1 December 2023 –&quot; and a media-contact block (傳媒查詢 / Media enquiries). To import a contact list, use the contact import instead.</source>
        <translation>%1 看來是 %2 表格（大部分行有 %3 個以 %4 分隔的欄位），而不是新聞稿。新聞稿應有標題、日期行（例如「（香港，2023年12月1日）」或 &quot;HONG KONG, 1 December 2023 –&quot;）及傳媒查詢部分（傳媒查詢 / Media enquiries）。如要匯入聯絡人名單，請改用匯入聯絡人。</translation>
    </message>
    <message>
        <source>%1 does not look like a press release: it has no dateline, no media-contact block, no 「關於…」/About section and no quotes. Expected a press release with a title, a dateline such as 「（香港，2023年12月1日）」 or &quot;HONG KONG, 1 December 2023 –&quot; and a media-contact block headed 傳媒查詢 or &quot;Media enquiries&quot;. Nothing was imported.</source>
        <translation>%1 看來不是新聞稿：沒有日期行、傳媒查詢部分、「關於…」/About 部分，亦沒有引述。新聞稿應有標題、日期行（例如「（香港，2023年12月1日）」或 &quot;HONG KONG, 1 December 2023 –&quot;）及以「傳媒查詢」或 &quot;Media enquiries&quot; 為標題的傳媒查詢部分。未有匯入任何資料。</translation>
    </message>
    <message>
        <source>No issue date found: expected a dateline such as 「（香港，2023年12月1日）」 or &quot;HONG KONG, 1 December 2023 –&quot;.</source>
        <translation>找不到發布日期：應有電頭，例如「（香港，2023年12月1日）」或 &quot;HONG KONG, 1 December 2023 –&quot;。</translation>
    </message>
    <message>
        <source>No dateline found; the issue date was taken from the first date in the text. Check it.</source>
        <translation>找不到電頭；發布日期取自內文的第一個日期。請檢查。</translation>
    </message>
    <message>
        <source>The datelines disagree: %1 and %2. The first was used.</source>
        <translation>兩個電頭的日期不一致：%1 及 %2。已採用第一個。</translation>
    </message>
    <message>
        <source>The dateline&apos;s date does not exist in the calendar.</source>
        <translation>電頭的日期在日曆上並不存在。</translation>
    </message>
    <message>
        <source>No title found: expected the release&apos;s headline above the dateline.</source>
        <translation>找不到標題：新聞稿的標題應在電頭之上。</translation>
    </message>
    <message>
        <source>More than %1 media-contact blocks; the rest were not read.</source>
        <translation>傳媒聯絡區塊超過 %1 個；其餘未有讀取。</translation>
    </message>
    <message>
        <source>The media-contact block is unusually long; reading stopped here.</source>
        <translation>傳媒聯絡區塊異常地長；讀取在此停止。</translation>
    </message>
    <message>
        <source>The organisation was inferred from the title (%1); check it.</source>
        <translation>機構是從職銜（%1）推斷的；請檢查。</translation>
    </message>
    <message>
        <source>%1 was taken to be %2 because both are quoted in the same order in the two language versions; check it.</source>
        <translation>由於兩個語言版本以相同次序引述，%1 被視為 %2；請檢查。</translation>
    </message>
    <message>
        <source>No media-contact block found (expected a block headed 傳媒查詢 or &quot;Media enquiries&quot;); the release has no media contacts.</source>
        <translation>找不到傳媒聯絡區塊（應有以「傳媒查詢」或 &quot;Media enquiries&quot; 為標題的區塊）；此新聞稿沒有傳媒聯絡人。</translation>
    </message>
    <message>
        <source>No 「關於…」/About section or dateline sentence names the issuer; the first organisation of the contact block was taken. Check it.</source>
        <translation>沒有「關於…」／About 段落或電頭句子指明發布機構；已採用聯絡區塊的第一個機構。請檢查。</translation>
    </message>
    <message>
        <source>No issuing organisation found (no 「關於…」/About section and no organisation named in the dateline sentence).</source>
        <translation>找不到發布機構（沒有「關於…」／About 段落，電頭句子亦沒有提及任何機構）。</translation>
    </message>
    <message>
        <source>The English name of %1 was inferred from the e-mail address and should be checked.</source>
        <translation>%1 的英文姓名是從電郵地址推斷的，請檢查。</translation>
    </message>
    <message>
        <source>web address</source>
        <translation>網址</translation>
    </message>
    <message>
        <source>e-mail domain</source>
        <translation>電郵網域</translation>
    </message>
    <message>
        <source>The English short name of %1 was guessed from its %2 and should be checked.</source>
        <translation>%1 的英文簡稱是從其%2推測的，請檢查。</translation>
    </message>
    <message>
        <source>is too long for a contact line</source>
        <translation>太長，不像聯絡資料</translation>
    </message>
    <message>
        <source>was not understood</source>
        <translation>無法理解</translation>
    </message>
    <message>
        <source>These media contacts were taken to be of %1, which issues the release: the sentence names no organisation.</source>
        <translation>句子沒有指明機構，這些傳媒聯絡人已視為發布機構%1的人員。</translation>
    </message>
    <message>
        <source>This line of the media-contact block %1, so it was not imported; check it and add it by hand if needed.</source>
        <translation>傳媒聯絡區塊的這一行%1，因此未有匯入；請檢查，如有需要請手動加入。</translation>
    </message>
    <message>
        <source>starts with text that was not understood</source>
        <translation>開頭有無法理解的文字</translation>
    </message>
    <message>
        <source>The label %1 has no value after it.</source>
        <translation>標籤 %1 後面沒有內容。</translation>
    </message>
    <message>
        <source>is a title or unit with no person after it</source>
        <translation>只有職銜或部門，後面沒有人名</translation>
    </message>
    <message>
        <source>has a part that was not understood</source>
        <translation>有部分無法理解</translation>
    </message>
    <message>
        <source>Shares %1 with %2, who has another name: imported as a separate contact.</source>
        <translation>與%2共用 %1，但姓名不同：已匯入為另一位聯絡人。</translation>
    </message>
    <message>
        <source>%1 is not a contact field.</source>
        <translation>%1 不是聯絡人欄位。</translation>
    </message>
    <message>
        <source>Use one of: %1.</source>
        <translation>請使用以下其中一個：%1。</translation>
    </message>
    <message>
        <source>There is no column of this name in the header row.</source>
        <translation>標題列沒有這個名稱的欄。</translation>
    </message>
    <message>
        <source>The columns are: %1.</source>
        <translation>檔案的欄為：%1。</translation>
    </message>
    <message>
        <source>The column %1 matches no contact field, so its values are not imported (this is the first record with one).</source>
        <translation>%1 欄不對應任何聯絡人欄位，其內容不會匯入（此記錄是第一筆有內容的）。</translation>
    </message>
    <message>
        <source>Choose a field for the column in the import dialog, or add its values to the contacts by hand.</source>
        <translation>請在匯入視窗中為此欄選擇欄位，或手動把內容加到聯絡人。</translation>
    </message>
    <message>
        <source>It has no name, organisation, phone or e-mail, so it was skipped.</source>
        <translation>此記錄沒有姓名、機構、電話或電郵，因此已略過。</translation>
    </message>
    <message>
        <source>Fill in a name, organisation, phone or e-mail, or delete the record.</source>
        <translation>請填上姓名、機構、電話或電郵，或刪除此記錄。</translation>
    </message>
    <message>
        <source>It is an old Excel (.xls) workbook, which cannot be read.</source>
        <translation>這是舊式 Excel（.xls）活頁簿，無法讀取。</translation>
    </message>
    <message>
        <source>Open it in Excel and save it as .xlsx or as CSV UTF-8, then import that.</source>
        <translation>請用 Excel 開啟，另存為 .xlsx 或 CSV UTF-8，然後匯入該檔案。</translation>
    </message>
    <message>
        <source>Open it in Excel and save it again as .xlsx (Excel Workbook) or as CSV UTF-8.</source>
        <translation>請用 Excel 開啟，再另存為 .xlsx（Excel 活頁簿）或 CSV UTF-8。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file. Choose the contact file inside it.</source>
        <translation>%1 是資料夾，不是檔案。請選擇資料夾內的聯絡人檔案。</translation>
    </message>
    <message>
        <source>%1 was not found. Check the file name and the folder, and try again.</source>
        <translation>找不到 %1。請檢查檔案名稱及資料夾，然後再試。</translation>
    </message>
    <message>
        <source>%1 cannot be read: permission denied. Ask for access to the file, or copy it to a folder you can read.</source>
        <translation>無法讀取 %1：沒有權限。請要求存取此檔案的權限，或把它複製到你可讀取的資料夾。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation>無法讀取 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes). Choose the file that holds the contacts.</source>
        <translation>%1 是空檔案（0 位元組）。請選擇載有聯絡人的檔案。</translation>
    </message>
    <message>
        <source>The text stops being valid %1 here (the file mixes encodings or is damaged).</source>
        <translation>文字由此處起不再是有效的 %1（檔案混合了多種編碼或已損壞）。</translation>
    </message>
    <message>
        <source>Open the file in a text editor or Excel, save it again as UTF-8, and import that.</source>
        <translation>請用文字編輯器或 Excel 開啟檔案，再另存為 UTF-8，然後匯入該檔案。</translation>
    </message>
    <message>
        <source>This record cannot be read as CSV (%1).</source>
        <translation>此記錄無法以 CSV 格式讀取（%1）。</translation>
    </message>
    <message>
        <source>A quote (&quot;) opened in a value is probably never closed: close it, or save the file again from Excel as CSV UTF-8.</source>
        <translation>某個值內的引號（&quot;）可能沒有關上：請補上，或用 Excel 再另存為 CSV UTF-8。</translation>
    </message>
    <message>
        <source>It has %1 values but the header row has %2 columns, so values would land in the wrong columns.</source>
        <translation>此記錄有 %1 個值，但標題列只有 %2 欄，值會放錯欄位。</translation>
    </message>
    <message>
        <source>A value containing %1 needs quotes around it (&quot;Wong%2 June&quot;); fix the record, or save the file again from Excel as CSV UTF-8.</source>
        <translation>含有 %1 的值須加上引號（&quot;Wong%2 June&quot;）；請修正此記錄，或用 Excel 再另存為 CSV UTF-8。</translation>
    </message>
    <message>
        <source>It holds no records, only blank lines.</source>
        <translation>檔案沒有記錄，只有空白行。</translation>
    </message>
    <message>
        <source>Choose the file that holds the contacts.</source>
        <translation>請選擇載有聯絡人的檔案。</translation>
    </message>
    <message>
        <source>There is no header row naming a name, organisation, phone or e-mail column (the first row reads: %1).</source>
        <translation>沒有標題列註明姓名、機構、電話或電郵欄（第一列為：%1）。</translation>
    </message>
    <message>
        <source>Add a header row such as: Name, Organisation, Title, Phone, Mobile, E-mail (or 姓名, 機構, 職位, 電話, 手提, 電郵), or choose the columns in the import dialog.</source>
        <translation>請加上標題列，例如：姓名、機構、職位、電話、手提、電郵（或 Name, Organisation, Title, Phone, Mobile, E-mail），或在匯入視窗中選擇各欄。</translation>
    </message>
    <message>
        <source>It is not an Excel workbook that can be read (%1).</source>
        <translation>這不是可讀取的 Excel 活頁簿（%1）。</translation>
    </message>
    <message>
        <source>The worksheet cannot be read (%1).</source>
        <translation>無法讀取工作表（%1）。</translation>
    </message>
    <message>
        <source>It is named like an Excel workbook but is not one (an .xlsx file is a ZIP archive, and this is not).</source>
        <translation>檔案名稱像 Excel 活頁簿，但內容不是（.xlsx 檔案是 ZIP 壓縮檔，此檔案不是）。</translation>
    </message>
    <message>
        <source>Open it in Excel and save it again as .xlsx, or export it as CSV UTF-8.</source>
        <translation>請用 Excel 開啟並再另存為 .xlsx，或匯出為 CSV UTF-8。</translation>
    </message>
    <message>
        <source>The sheet %1 was not imported: none of its first rows names a name, organisation, phone or e-mail column.</source>
        <translation>工作表 %1 未有匯入：其首數列沒有註明姓名、機構、電話或電郵欄。</translation>
    </message>
    <message>
        <source>Add such a header row to the sheet, or save the sheet as CSV and import it.</source>
        <translation>請在該工作表加上這樣的標題列，或把該工作表另存為 CSV 再匯入。</translation>
    </message>
    <message>
        <source>Line %1: a QUOTED-PRINTABLE value is not valid text in CHARSET=%2.</source>
        <translation>第 %1 行：QUOTED-PRINTABLE 值在 CHARSET=%2 下不是有效文字。</translation>
    </message>
    <message>
        <source>Export the contacts again from the phone or mail program (as vCard 3.0, UTF-8).</source>
        <translation>請從手機或郵件程式再次匯出聯絡人（vCard 3.0、UTF-8）。</translation>
    </message>
    <message>
        <source>END:VCARD without a BEGIN:VCARD before it.</source>
        <translation>END:VCARD 之前沒有 BEGIN:VCARD。</translation>
    </message>
    <message>
        <source>The file is damaged or was edited by hand: export it again.</source>
        <translation>檔案已損壞或曾被人手修改：請再次匯出。</translation>
    </message>
    <message>
        <source>Text outside a card (every card starts with BEGIN:VCARD and ends with END:VCARD).</source>
        <translation>名片以外有文字（每張名片以 BEGIN:VCARD 開始，以 END:VCARD 結束）。</translation>
    </message>
    <message>
        <source>Delete the stray text, or export the contacts again.</source>
        <translation>請刪除多餘的文字，或再次匯出聯絡人。</translation>
    </message>
    <message>
        <source>The card starting at line %1 has no END:VCARD before the next BEGIN:VCARD at line %2 (the file may be cut short).</source>
        <translation>由第 %1 行開始的名片，在第 %2 行的下一個 BEGIN:VCARD 之前沒有 END:VCARD（檔案可能不完整）。</translation>
    </message>
    <message>
        <source>The card starting at line %1 has no END:VCARD at the end (the file may be cut short).</source>
        <translation>由第 %1 行開始的名片，到檔案結尾仍沒有 END:VCARD（檔案可能不完整）。</translation>
    </message>
    <message>
        <source>Export the contacts again, or add the missing END:VCARD line.</source>
        <translation>請再次匯出聯絡人，或補上缺少的 END:VCARD 行。</translation>
    </message>
    <message>
        <source>It is named as a vCard file but has no BEGIN:VCARD line: it is not a vCard.</source>
        <translation>檔案名稱像 vCard 檔案，但沒有 BEGIN:VCARD 行：這不是 vCard。</translation>
    </message>
    <message>
        <source>Export the contacts from the phone or mail program as vCard (.vcf) again, or rename the file if it is really a CSV.</source>
        <translation>請從手機或郵件程式再次把聯絡人匯出為 vCard（.vcf），如檔案其實是 CSV，請更改其名稱。</translation>
    </message>
    <message>
        <source>%1 is too large a Word document for a press release. Check that this is the right file.</source>
        <translation>%1 作為新聞稿的 Word 文件過大。請確認這是正確的檔案。</translation>
    </message>
    <message>
        <source>%1 is a damaged Word document (%2). Open it in Word and save it again, or save it as plain text (.txt, UTF-8).</source>
        <translation>%1 是已損壞的 Word 文件（%2）。請用 Word 開啟並再儲存一次，或另存為純文字（.txt、UTF-8）。</translation>
    </message>
    <message>
        <source>%1 is a Word document with no text in it.</source>
        <translation>%1 是沒有任何文字的 Word 文件。</translation>
    </message>
    <message>
        <source>Save the release as plain text (.txt, UTF-8) and try again.</source>
        <translation>請把新聞稿另存為純文字（.txt、UTF-8）後再試。</translation>
    </message>
    <message>
        <source>Open it and save (or export) it as plain text (.txt) or CSV in UTF-8, then try again.</source>
        <translation>請開啟檔案，另存（或匯出）為 UTF-8 的純文字（.txt）或 CSV，然後再試。</translation>
    </message>
    <message>
        <source>Unpack it and choose the text file inside.</source>
        <translation>請先解壓縮，再選擇其中的文字檔。</translation>
    </message>
    <message>
        <source>Choose the release text file instead.</source>
        <translation>請改為選擇新聞稿的文字檔。</translation>
    </message>
    <message>
        <source>Open it in a text editor, save it as UTF-8 and try again.</source>
        <translation>請用文字編輯器開啟，另存為 UTF-8 後再試。</translation>
    </message>
    <message>
        <source>a PNG image</source>
        <translation>PNG 圖片</translation>
    </message>
    <message>
        <source>a JPEG image</source>
        <translation>JPEG 圖片</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>GIF 圖片</translation>
    </message>
    <message>
        <source>a TIFF image</source>
        <translation>TIFF 圖片</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>Copy the text out of the PDF into a plain-text file (UTF-8).</source>
        <translation>請把 PDF 的文字複製到純文字檔（UTF-8）。</translation>
    </message>
    <message>
        <source>an old Microsoft Office file (.doc/.xls)</source>
        <translation>舊式 Microsoft Office 檔案（.doc/.xls）</translation>
    </message>
    <message>
        <source>an RTF document</source>
        <translation>RTF 文件</translation>
    </message>
    <message>
        <source>a gzip archive</source>
        <translation>gzip 壓縮檔</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>7-Zip 壓縮檔</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>RAR 壓縮檔</translation>
    </message>
    <message>
        <source>an SQLite database</source>
        <translation>SQLite 資料庫</translation>
    </message>
    <message>
        <source>a program (ELF executable)</source>
        <translation>程式（ELF 執行檔）</translation>
    </message>
    <message>
        <source>a media file (RIFF: WAV, AVI or WebP)</source>
        <translation>多媒體檔案（RIFF：WAV、AVI 或 WebP）</translation>
    </message>
    <message>
        <source>an MP3 audio file</source>
        <translation>MP3 音訊檔</translation>
    </message>
    <message>
        <source>an Excel workbook (XLSX)</source>
        <translation>Excel 活頁簿（XLSX）</translation>
    </message>
    <message>
        <source>a Word document (DOCX)</source>
        <translation>Word 文件（DOCX）</translation>
    </message>
    <message>
        <source>a PowerPoint presentation (PPTX)</source>
        <translation>PowerPoint 簡報（PPTX）</translation>
    </message>
    <message>
        <source>an OpenDocument file (ODT/ODS)</source>
        <translation>OpenDocument 檔案（ODT/ODS）</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file. Choose the text file inside it and try again.</source>
        <translation>%1 是資料夾，不是檔案。請選擇資料夾內的文字檔後再試。</translation>
    </message>
    <message>
        <source>%1 is not a regular file (it is a device, pipe or socket). Choose a text file and try again.</source>
        <translation>%1 不是一般檔案（而是裝置、管道或通訊端）。請選擇文字檔後再試。</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes). Choose the file that contains the text and try again.</source>
        <translation>%1 是空檔案（0 位元組）。請選擇載有文字的檔案後再試。</translation>
    </message>
    <message>
        <source>%1 contains only blank space and no text. Choose the file that contains the text and try again.</source>
        <translation>%1 只有空白，沒有文字。請選擇載有文字的檔案後再試。</translation>
    </message>
    <message>
        <source>%1 is too large: %2; the limit is %3. A press release or contact list is far smaller, so check that this is the right file, or split it into smaller files.</source>
        <translation>%1 過大：%2；上限為 %3。新聞稿或聯絡人名單遠比這小，請確認這是正確的檔案，或把它分拆為較小的檔案。</translation>
    </message>
    <message>
        <source>%1 cannot be read: permission denied. Ask for access to the file, or copy it to a folder you can read, and try again.</source>
        <translation>無法讀取 %1：沒有權限。請要求存取此檔案的權限，或把它複製到你可讀取的資料夾後再試。</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2. Check the file and try again.</source>
        <translation>無法讀取 %1：%2。請檢查檔案後再試。</translation>
    </message>
    <message>
        <source>%1 is %2, not a text file. %3</source>
        <translation>%1 是 %2，不是文字檔。%3</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>ZIP 壓縮檔</translation>
    </message>
    <message>
        <source>%1 starts with a %2 byte-order mark but the rest is not valid in that encoding (the file may be damaged or cut short). %3</source>
        <translation>%1 以 %2 位元組順序標記開首，但其餘內容不是該編碼的有效文字（檔案可能已損壞或不完整）。%3</translation>
    </message>
    <message>
        <source>%1 looks like UTF-16 text without a byte-order mark, but it does not decode as UTF-16 (the file may be cut short). %2</source>
        <translation>%1 看來是沒有位元組順序標記的 UTF-16 文字，但無法以 UTF-16 解讀（檔案可能不完整）。%2</translation>
    </message>
    <message>
        <source>%1 is not a text file: it contains NUL bytes, which only binary files (programs, images, databases, office documents) have. %2</source>
        <translation>%1 不是文字檔：它含有 NUL 位元組，只有二進位檔案（程式、圖片、資料庫、辦公室文件）才會有。%2</translation>
    </message>
    <message>
        <source>%1 is not a text file: %2 of its first %3 bytes are control codes, as in a binary file. %4</source>
        <translation>%1 不是文字檔：首 %3 個位元組中有 %2 個是控制碼，與二進位檔案相同。%4</translation>
    </message>
    <message>
        <source>%1 could not be read as text: it is not valid UTF-8, UTF-16, Big5-HKSCS or GB18030, nor plain Western (Windows-1252) text. %2</source>
        <translation>%1 無法以文字讀取：它不是有效的 UTF-8、UTF-16、Big5-HKSCS 或 GB18030，亦不是純西文（Windows-1252）文字。%2</translation>
    </message>
    <message>
        <source>%1 is not a text file: it is full of control codes, as in a binary file. %2</source>
        <translation>%1 不是文字檔：它滿是控制碼，與二進位檔案相同。%2</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Upgrading the database for this version of PressDesk…
A large roster can take a minute. If the upgrade fails, the database stays as it was.</source>
        <translation>正在為這個版本的 PressDesk 升級資料庫……
聯絡人眾多時可能需時一分鐘。升級如未能完成，資料庫會保持原狀。</translation>
    </message>
    <message>
        <source>PressDesk</source>
        <translation>PressDesk</translation>
    </message>
    <message>
        <source>PressDesk cannot start</source>
        <translation>PressDesk 無法啟動</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>PressDesk hit a bug</source>
        <translation>PressDesk 發生錯誤</translation>
    </message>
    <message>
        <source>Something went wrong that PressDesk did not expect. Your saved data is safe: every change is saved in one piece or not at all.

The details are in the log file:
%1

Please send that file to whoever supports PressDesk.</source>
        <translation>PressDesk 遇到未預期的問題。你已儲存的資料是安全的：每項修改都是完整儲存或完全不儲存。

詳情已寫入記錄檔：
%1

請把該檔案交給負責支援 PressDesk 的同事。</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>電郵</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>電郵地址</translation>
    </message>
    <message>
        <source>繁體中文 (zh-HK)</source>
        <translation>繁體中文 (zh-HK)</translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation>英文 (en)</translation>
    </message>
    <message>
        <source>Prefers %1</source>
        <translation>偏好 %1</translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation>標籤：%1</translation>
    </message>
    <message>
        <source>Opted out: send no e-mail.</source>
        <translation>已拒收：不要發送電郵。</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>&lt;h3&gt;PressDesk %1&lt;/h3&gt;&lt;p&gt;Press contacts and media inquiries, in 繁體中文 and English.&lt;/p&gt;&lt;p&gt;Database: %2&lt;br&gt;Log file: %3&lt;/p&gt;&lt;p&gt;Python %4 · Qt for Python %5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PressDesk %1&lt;/h3&gt;&lt;p&gt;傳媒聯絡人及查詢管理，支援繁體中文及英文。&lt;/p&gt;&lt;p&gt;資料庫：%2&lt;br&gt;記錄檔：%3&lt;/p&gt;&lt;p&gt;Python %4 · Qt for Python %5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About PressDesk</source>
        <translation>關於 PressDesk</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>設定未能儲存</translation>
    </message>
    <message>
        <source>Edit release</source>
        <translation>編輯新聞稿</translation>
    </message>
    <message>
        <source>Release not saved</source>
        <translation>新聞稿未能儲存</translation>
    </message>
</context>
</TS>
