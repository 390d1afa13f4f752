<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name>ContactsView</name>
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
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 位聯絡人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InquiriesView</name>
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
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message numerus="yes">
        <source>%n inquiry(ies)</source>
        <translation>
            <numerusform>%n 項查詢</numerusform>
        </translation>
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
    <name>OrganizationsView</name>
    <message>
        <source>Organisations</source>
        <translation>機構</translation>
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
    <name>ReleasesView</name>
    <message>
        <source>Releases</source>
        <translation>新聞稿</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Reports</source>
        <translation>報告</translation>
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
    <name>app</name>
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
</context>
</TS>
