/* test_csvread.c: the CSV reader: what spreadsheets and HR systems write,
 * where each record and field starts, and every error with its message. */
#include "testutil.h"

#include <string.h>

#include "csvread.h"

/* The records of text as "LINE:FIELD|FIELD...\n", a field that starts on
 * a later line than its record as "@LINE=TEXT", a quoted one in <>; then
 * "error: MESSAGE" when the reader stops on an error. Static. */
static const char *dump_n(const char *text, size_t len)
{
    static char out[8192];
    char err[RS_ERRMSG_SIZE];
    size_t o = 0;
    out[0] = '\0';
    rs_csv_reader *r = rs_csv_reader_new(text, len, "t.csv");
    assert_non_null(r);
    rs_csv_record rec;
    rs_status st;
    while ((st = rs_csv_next_record(r, &rec, err)) == RS_OK && rec.count > 0) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%d:", rec.line);
        for (int i = 0; i < rec.count; i++) {
            const rs_csv_field *f = &rec.fields[i];
            assert_int_equal(f->column, i + 1);
            assert_int_equal(f->len, strlen(f->text));
            o += (size_t)snprintf(out + o, sizeof out - o, "%s", i ? "|" : "");
            if (f->line != rec.line)
                o += (size_t)snprintf(out + o, sizeof out - o, "@%d=", f->line);
            o += (size_t)snprintf(out + o, sizeof out - o, f->quoted ? "<%s>" : "%s", f->text);
        }
        o += (size_t)snprintf(out + o, sizeof out - o, "\n");
    }
    if (st != RS_OK) {
        assert_int_equal(st, RS_ERR_INPUT);
        assert_int_equal(rec.count, 0);
        snprintf(out + o, sizeof out - o, "error: %s", err);
        /* the error stays: a caller that reads on gets it again */
        char again[RS_ERRMSG_SIZE];
        assert_int_equal(rs_csv_next_record(r, &rec, again), RS_ERR_INPUT);
        assert_string_equal(again, err);
    }
    rs_csv_reader_free(r);
    return out;
}

static const char *dump(const char *text)
{
    return dump_n(text, strlen(text));
}

/* The separator the reader finds in text. */
static char separator(const char *text)
{
    rs_csv_reader *r = rs_csv_reader_new(text, strlen(text), "t.csv");
    assert_non_null(r);
    char c = rs_csv_separator(r);
    rs_csv_reader_free(r);
    return c;
}

static void test_plain_records(void **state)
{
    (void)state;
    assert_string_equal(dump("name,tenure\nAnn,14 months\nBob,60\n"), "1:name|tenure\n2:Ann|14 months\n3:Bob|60\n");
    /* no line end after the last record; blanks are kept as written */
    assert_string_equal(dump("a, b ,c\n1,,3"), "1:a| b |c\n2:1||3\n");
    /* a blank line is a record of one empty field; a trailing separator an
     * empty last field */
    assert_string_equal(dump("a,b\n\nx,\n"), "1:a|b\n2:\n3:x|\n");
    assert_string_equal(dump(""), "");
    assert_string_equal(dump("\n"), "1:\n");
}

static void test_line_ends_and_bom(void **state)
{
    (void)state;
    assert_string_equal(dump("a,b\r\nc,d\r\n"), "1:a|b\n2:c|d\n");
    /* a lone CR ends a line as LF does */
    assert_string_equal(dump("a,b\rc,d\re"), "1:a|b\n2:c|d\n3:e\n");
    assert_string_equal(dump("a\r\n\r\nb\n\rc"), "1:a\n2:\n3:b\n4:\n5:c\n");
    /* the byte order mark at the very start is skipped, and only there */
    assert_string_equal(dump("\xef\xbb\xbfname,x\r\nAnn,1\r\n"), "1:name|x\n2:Ann|1\n");
    assert_string_equal(dump("\xef\xbb\xbf"), "");
    assert_string_equal(dump("a\n\xef\xbb\xbf" "b\n"), "1:a\n2:\xef\xbb\xbf" "b\n");
}

static void test_separator_detection(void **state)
{
    (void)state;
    assert_int_equal(separator("name;tenure,x\n"), ';');
    assert_int_equal(separator("name,tenure;x\n"), ',');
    /* a separator inside quotes does not count, nor one on a later line */
    assert_int_equal(separator("\"a,b\";c\n"), ';');
    assert_int_equal(separator("\"a\"\"b,c\";c\n"), ';');
    assert_int_equal(separator("name\nAnn;1\n"), ',');
    assert_int_equal(separator("\xef\xbb\xbf" "a;b"), ';');
    /* leading blank lines are not the header */
    assert_int_equal(separator("\r\n  \n a;b,c\n"), ';');
    assert_string_equal(dump("name;tenure\nLee, Ann;14 months\n"), "1:name|tenure\n2:Lee, Ann|14 months\n");
    /* one column: commas in the data are separators all the same */
    assert_string_equal(dump("name\nAnn,1\n"), "1:name\n2:Ann|1\n");
}

static void test_quoted_fields(void **state)
{
    (void)state;
    assert_string_equal(dump("\"Lee, Ann\",\"say \"\"hi\"\"\"\n"), "1:<Lee, Ann>|<say \"hi\">\n");
    assert_string_equal(dump("\"\",\"\"\"\"\n"), "1:<>|<\">\n");
    /* semicolons: the other separator is text inside and outside quotes */
    assert_string_equal(dump("a;b\n\"x;y\";p,q\n"), "1:a|b\n2:<x;y>|p,q\n");
    /* blanks around the quotes are dropped, inside them kept */
    assert_string_equal(dump("a,b\n  \" x \" ,\"y\"\t\n"), "1:a|b\n2:< x >|<y>\n");
    /* a quoted field at the end of the input, with and without line end */
    assert_string_equal(dump("a,\"b\""), "1:a|<b>\n");
}

/* A field spanning lines: the record starts on its first line, the next
 * record on the line after the field ends, and fields after it say their
 * own line. */
static void test_multi_line_fields(void **state)
{
    (void)state;
    assert_string_equal(dump("a,b,c\n1,\"two\nlines\",3\n4,5,6\n"), "1:a|b|c\n2:1|<two\nlines>|@3=3\n4:4|5|6\n");
    assert_string_equal(dump("a,b\n\"x\r\ny\r\nz\",w\r\nlast,1\r\n"), "1:a|b\n2:<x\r\ny\r\nz>|@4=w\n5:last|1\n");
    assert_string_equal(dump("\"one\rtwo\",x\ny"), "1:<one\rtwo>|@2=x\n3:y\n");
}

static void test_errors(void **state)
{
    (void)state;
    assert_string_equal(dump("a,b\nAnn,\"14 months\n\nBob,3\n"),
                        "1:a|b\nerror: t.csv:2: a quoted field opened here is never closed");
    assert_string_equal(dump("\""), "error: t.csv:1: a quoted field opened here is never closed");
    assert_string_equal(dump("a,b\nAnn \"Annie\" Lee,3\n"),
                        "1:a|b\nerror: t.csv:2:1: a quote in the middle of a field: put the whole field in quotes "
                        "and double each quote in it, got \"Ann \"Annie\" Lee\"");
    assert_string_equal(dump("a,b\n1,\"x\"y\n"),
                        "1:a|b\nerror: t.csv:2:2: text after the closing quote of a field: a quote inside a quoted "
                        "field is written twice (\"\")");
    assert_string_equal(dump_n("a,b\n1,x\0y\n", 10),
                        "1:a|b\nerror: t.csv:2:2: a NUL byte: a CSV file is text (a spreadsheet's own format or "
                        "UTF-16 is not: save as CSV UTF-8)");
    assert_string_equal(dump_n("a,\"x\n\0\"\n", 8),
                        "error: t.csv:2:2: a NUL byte: a CSV file is text (a spreadsheet's own format or UTF-16 is "
                        "not: save as CSV UTF-8)");
    assert_string_equal(dump("name\nJos\xe9\n"),
                        "1:name\nerror: t.csv:2:1: not UTF-8 text (save the file as CSV UTF-8), got \"Jos\\xe9\"");
    /* a sequence cut short at the end of a field, and an overlong form */
    assert_string_equal(dump("x,\xc3\n"),
                        "error: t.csv:1:2: not UTF-8 text (save the file as CSV UTF-8), got \"\\xc3\"");
    assert_string_equal(dump("\xc0\xaf"),
                        "error: t.csv:1:1: not UTF-8 text (save the file as CSV UTF-8), got \"\\xc0\\xaf\"");
    assert_string_equal(dump_n("\xff\xfen\0a\0m\0e\0", 10),
                        "error: t.csv: UTF-16 text: a CSV file is read as UTF-8 (save it as CSV UTF-8)");
}

static void test_valid_utf8(void **state)
{
    (void)state;
    /* two-, three- and four-byte characters, the largest code point, and
     * the invisible ones, which are valid text (a caller decides) */
    assert_string_equal(dump("Jos\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80,\xf4\x8f\xbf\xbf,\xe2\x80\x8b\n"),
                        "1:Jos\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80|\xf4\x8f\xbf\xbf|\xe2\x80\x8b\n");
    /* nor are overlong forms of three and four bytes, a surrogate, and a
     * code point past U+10FFFF */
    assert_string_equal(dump("\xe0\x80\xaf"),
                        "error: t.csv:1:1: not UTF-8 text (save the file as CSV UTF-8), got \"\\xe0\\x80\\xaf\"");
    assert_string_equal(dump("\xf0\x80\x80\xaf"), "error: t.csv:1:1: not UTF-8 text (save the file as CSV UTF-8), "
                                                  "got \"\\xf0\\x80\\x80\\xaf\"");
    assert_string_equal(dump("\xed\xa0\x80"),
                        "error: t.csv:1:1: not UTF-8 text (save the file as CSV UTF-8), got \"\\xed\\xa0\\x80\"");
    assert_string_equal(dump("\xf4\x90\x80\x80"), "error: t.csv:1:1: not UTF-8 text (save the file as CSV UTF-8), "
                                                  "got \"\\xf4\\x90\\x80\\x80\"");
}

static void test_bounds(void **state)
{
    (void)state;
    static char text[4 * RS_CSV_FIELD_MAX];
    /* a field of exactly the bound is read; one byte more is an error */
    memset(text, 'x', RS_CSV_FIELD_MAX);
    text[RS_CSV_FIELD_MAX] = '\0';
    rs_csv_reader *r = rs_csv_reader_new(text, strlen(text), "t.csv");
    rs_csv_record rec;
    char err[RS_ERRMSG_SIZE];
    assert_int_equal(rs_csv_next_record(r, &rec, err), RS_OK);
    assert_int_equal(rec.fields[0].len, RS_CSV_FIELD_MAX);
    rs_csv_reader_free(r);
    strcpy(text, "a,b\n1,\"");
    memset(text + 7, 'y', RS_CSV_FIELD_MAX + 1);
    strcpy(text + 7 + RS_CSV_FIELD_MAX + 1, "\"\n");
    assert_string_equal(dump(text), "1:a|b\nerror: t.csv:2:2: a field longer than 1024 bytes (is a quote left open?)");
    memset(text, 'z', RS_CSV_FIELD_MAX + 1);
    text[RS_CSV_FIELD_MAX + 1] = '\0';
    assert_string_equal(dump(text), "error: t.csv:1:1: a field longer than 1024 bytes (is a quote left open?)");

    /* 64 fields are read; 65 are an error naming the record's line */
    size_t o = 0;
    for (int i = 0; i < RS_CSV_COLUMNS_MAX; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "%s%d", i ? "," : "", i);
    r = rs_csv_reader_new(text, strlen(text), "t.csv");
    assert_int_equal(rs_csv_next_record(r, &rec, err), RS_OK);
    assert_int_equal(rec.count, RS_CSV_COLUMNS_MAX);
    assert_string_equal(rec.fields[63].text, "63");
    rs_csv_reader_free(r);
    memmove(text + 2, text, strlen(text) + 1);
    memcpy(text, "\n\n", 2);
    strcat(text, ",64\n");
    assert_string_equal(dump(text), "1:\n2:\nerror: t.csv:3: more than 64 fields in a record");
}

static void test_quote_for_messages(void **state)
{
    (void)state;
    char buf[96];
    assert_string_equal(rs_csv_quote("Ann\tLee", buf, sizeof buf), "Ann\\x09Lee");
    char longer[200];
    memset(longer, 'a', 100);
    longer[100] = '\0';
    rs_csv_quote(longer, buf, sizeof buf);
    assert_int_equal(strlen(buf), 63);
    assert_string_equal(buf + 60, "...");
    /* cut between characters, never inside one */
    memset(longer, 'a', 59);
    strcpy(longer + 59, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
    rs_csv_quote(longer, buf, sizeof buf);
    assert_string_equal(buf + 59, "...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_records),     cmocka_unit_test(test_line_ends_and_bom),
        cmocka_unit_test(test_separator_detection), cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_multi_line_fields), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_valid_utf8),        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_quote_for_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
