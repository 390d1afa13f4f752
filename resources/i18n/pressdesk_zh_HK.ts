<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_HK">
<context>
    <name>CallTimer</name>
    <message>
        <source>Stop</source>
        <extracomment>True when the clock was stopped, False when it runs again.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>Name (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished">電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation type="unfinished">電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 黃嘉琪</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. June Wong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Wong Ka Kei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 客戶總監</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Account Director</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an organisation with the name typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>繁體中文 (zh-HK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma-separated, e.g. tech desk, TV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opted out: send no e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadlines, desk, languages, who to call first…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Romanisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Honorific</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished">電話</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers without a country code are read as %1 numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a Chinese or English name (or an e-mail address for a shared mailbox).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the organisation from the list, or create it with New….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone %1 is not valid (see the message under it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail %1 is not valid (see the message under it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (and %2 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactImportDialog</name>
    <message>
        <source>Import contacts — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with existing contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished">電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation type="unfinished">電郵</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in notes (invalid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what each column holds. Columns set to “ignore” are not imported. Press Preview again to see the result; nothing is written until Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping changed: press Preview again to check it before importing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, separated by “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody: every contact is new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows (first %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in this file would be imported. Check the column mapping and the problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new contact(s), %2 merged with existing ones. Nothing has been written yet: check the rows and the problems, then press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: every value was read as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3: “%4”
%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be imported: %1 Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read because of an error in PressDesk (see the log). Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing… Cancel stops and writes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling… nothing will be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactPicker</name>
    <message>
        <source>Pick a match with ↓ and Enter, or click it.</source>
        <extracomment>The picked contact (a dict), or None when what is typed picks nobody. The number of matches listed, after each search.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the roster has this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the roster matches: a new contact named “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactPickerDialog</name>
    <message>
        <source>Name (中文 / English), e-mail or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the contact in the roster:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is on the list already.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsView</name>
    <message>
        <source>Click Name to sort by name (stroke order); click again to reverse.</source>
        <extracomment>The background count of a big roster, while one runs. The background fill of missing name sort keys, while one runs.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>聯絡人</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Tag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ matching contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n matching contact(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Showing %1 contacts (more load as you scroll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of %2 contacts (more load as you scroll)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n contact(s)</source>
        <translation>
            <numerusform>%n 位聯絡人</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · too many matches to sort by name: type more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · sorted by name (stroke order)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing name order…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot sort by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name order could not be prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 from the roster?

You can bring it back with Edit → Undo delete (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact not deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Find duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into it, then remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⇄ Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge keeps every phone number and e-mail address of both, fills the kept contact&apos;s empty fields, and moves releases, inquiries and calls to it. The other contact is removed (it can be restored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 possible duplicate(s). Choose a pair to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No duplicates found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”? “%2” keeps every phone number and e-mail address of both; “%1” is removed from the roster (it can be restored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged into %1. %2 pair(s) left.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmailField</name>
    <message>
        <source>e.g. june.wong@edelman.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryRow</name>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export contact sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished">聯絡人</translation>
    </message>
    <message>
        <source>The current search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A release&apos;s media contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, organisation, e-mail or phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no releases yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no organisations yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no tags yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include contacts who opted out of contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts who asked not to be contacted are left out of sheets by default (Personal Data (Privacy) Ordinance). Include them only for your own records, never for a distribution list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindCallerDialog</name>
    <message>
        <source>Find caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number in any form, or a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open inquiries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished">收到時間</translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">狀態</translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished">查詢內容</translation>
    </message>
    <message>
        <source>&amp;Log call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New inquiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the caller&apos;s number in any form, or a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the caller from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the roster matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open inquiries of %1: %2</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Journalist / outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>途徑</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation>查詢內容</translation>
    </message>
    <message>
        <source>Only this release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (new or in progress)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this owner&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received on or after this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received on or before this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also look for the search words inside the questions. On a very large log this reads every inquiry, so it is off there until you tick it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New inquiry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log a new inquiry (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inquiry matches the search and filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inquiries yet. Log a call with Ctrl+L, or add an inquiry with Ctrl+N.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation>查詢</translation>
    </message>
    <message>
        <source>Counting inquiries…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>more than %Ln inquiries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inquiry(ies)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln due today</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the search matches over %Ln people: type more to see all of theirs</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InquiryEditor</name>
    <message>
        <source>Inquiry %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New inquiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (中文 / English), e-mail or phone — type to search the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media outlet (found or added)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Journalist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inquiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no release)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleague who handles it (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recei&amp;ved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes for colleagues (not sent to anyone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new inquiry starts as New; later only the next steps are offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the next steps of the workflow are offered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded when the status first leaves New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet — recorded when the status leaves New.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 after it came in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say who asked: pick a journalist or type a new one&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write down what was asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone number is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address is not valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the owner from the roster (or leave it empty).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <source>Log a call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller&apos;s number or name: 6986 5822, +852 6986-5822, ６９８６ ５８２２, 黃嘉琪…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New caller (added to the roster)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (中文 or English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out&amp;going</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no release)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was asked, what you said</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also create an in&amp;quiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the call (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What was asked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the caller&apos;s number or name, or a new caller&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An inquiry needs to know who asked: pick or name the caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write down what was asked, for the inquiry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody in the roster has %1: add the caller below, or log the call with the number only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number shown on your phone, or a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to this contact&apos;s numbers</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizationEditor</name>
    <message>
        <source>Issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PR agency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media outlet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Government</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 愛德曼國際公關公司</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Edelman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. HKSTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 科技園</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. www.hkstp.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers of this organisation&apos;s contacts typed without a country code are read as numbers of this region.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short name (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short name (Chinese)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default phone region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the organisation a Chinese or English name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The website is not a web address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizationPickerDialog</name>
    <message>
        <source>Add issuer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or short name (中文 / English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrganizationsView</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished">聯絡人</translation>
    </message>
    <message>
        <source>Phone region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>機構</translation>
    </message>
    <message>
        <source>New organisation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n organisation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select an organisation to see its contacts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts of %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? Its %2 contact(s) stay in the roster without an organisation.

You can bring it back, with its contacts, with Edit → Undo delete (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1?

You can bring it back with Edit → Undo delete (Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation not deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Mail server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password of %1 on %2:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <source>e.g. 6986 5822 or +86 151 2004 9549</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give one number here, not several.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid phone number: %1</source>
        <translation type="unfinished"></translation>
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
    <name>ReleaseEditor</name>
    <message>
        <source>Edit release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embargoed until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embargo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokespeople</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add media contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add spokesperson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A release needs a title, in Chinese or in English.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReleaseImportDialog</name>
    <message>
        <source>Import release — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Releases</source>
        <translation type="unfinished">新聞稿</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished">聯絡人</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media contacts listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokespeople listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged with the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Phones (as written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mails (as written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">職銜</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokespeople</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3: “%4”
%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestion: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No problems: every value was read as written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(team mailbox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody: every contact is new.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media contacts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokespeople (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This release is in the database already; importing it again would change nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing has been written yet. Check the release and the problems, then press Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 value(s) cannot be imported and will be kept in the contact&apos;s notes. Nothing has been written yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be imported: %1 Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read because of an error in PressDesk (see the log). Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReleasesView</name>
    <message>
        <source>Pick a release to see its media contacts and inquiries.</source>
        <extracomment>(generation, release ids) of rows just loaded whose figures are wanted.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embargo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contact sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished">收到時間</translation>
    </message>
    <message>
        <source>Journalist</source>
        <translation type="unfinished">記者</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation type="unfinished">傳媒機構</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished">途徑</translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished">狀態</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished">查詢內容</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished">電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation type="unfinished">電郵</translation>
    </message>
    <message>
        <source>Releases</source>
        <translation>新聞稿</translation>
    </message>
    <message numerus="yes">
        <source>%n release(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media contacts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spokespeople (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiries (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add media contact</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Reply by e-mail</source>
        <extracomment>Emitted with deliver_reply&apos;s result once the reply is delivered and logged. Emitted with the message shown when delivery failed (nothing was logged).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the journalist&apos;s language)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more addresses, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message (sent exactly as shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send anyway: I have a reason to override the opt-out (it is recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Afterwards, set the inquiry&apos;s status to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;mail client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as .&amp;eml…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies already sent on this inquiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First response: %1 (after %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · to %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template cannot be filled for this inquiry: the field &quot;%1&quot; has no value. Nothing can be sent with it; choose another template or fix the template.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no From address: set it in File → Mail server…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asked not to be e-mailed (opt-out). Nothing will be sent unless you tick the override below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no message to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no template in this language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save reply as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail message (*.eml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent to %1 at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved for %1 at %2 as %3; the reply is logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed to your mail client for %1 at %2; logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something unexpected went wrong while sending; check Sent mail before retrying.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stacked bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouped bars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response times by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished">途徑</translation>
    </message>
    <message>
        <source>Response times by owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every release, all time (overdue: as of now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiries per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>報告</translation>
    </message>
    <message>
        <source>Loading reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n inquiry(ies) from %1 to %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inquiries were received in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reports could not be made; see the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other releases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiries per release per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day received%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inquiries</source>
        <translation type="unfinished">查詢</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table not exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Table exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median time to first response (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90th percentile (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (中文)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issuers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source>Inquiries</source>
        <translation type="unfinished">查詢</translation>
    </message>
    <message>
        <source>Responded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export table as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No inquiry in this period has had a first response yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 inquiries have had a first response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In brackets: inquiries with a first response</source>
        <translation type="unfinished"></translation>
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
        <source>Mail server (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (only a server on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved; type to replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is kept in the system keyring, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional: your organisation&apos;s CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send from (e-mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send from (name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test message sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Reply templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset to default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: the same message as HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields you can use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the stored version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an inquiry to see a preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for inquiry %1 (the newest):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field &quot;%1&quot; has no value for this inquiry: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template you were editing has unsaved changes. Discard them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed or deleted this template since you opened it: %1 Your text is still in the editor; copy what you need, then reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the template &quot;%1&quot;? Replies already sent keep their text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put &quot;%1&quot; back to the text PressDesk ships? Your edits are lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidatedField</name>
    <message>
        <source>Required.</source>
        <extracomment>Emitted when the field turns valid or invalid. Emitted after every check (the text changed, or a suggestion was applied).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace what you typed with %1</source>
        <translation type="unfinished"></translation>
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
    <name>widget</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished">機構</translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished">職銜</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished">電話</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation type="unfinished">電郵</translation>
    </message>
    <message>
        <source>繁體中文 (zh-HK)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English (en)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefers %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags: %1</source>
        <translation type="unfinished"></translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
