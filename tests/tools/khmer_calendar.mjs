// The Khmer lunar day and month of every day of the years asked, by two npm implementations
// written by different authors: khmercal 0.1.0 and @thyrith/momentkh 2.5.5 (on moment). Prints
// JSON: [["YYYY-MM-DD", khmercal month, khmercal day, momentkh month, momentkh day], ...], with
// khmercal's month names. Run by tests/test_khmer_calendar.py, with TZ=Asia/Ho_Chi_Minh (both
// read the civil date in local time; Vietnam and Cambodia are UTC+7).
// Usage: node khmer_calendar.mjs NODE_MODULES YEAR...
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...years] = process.argv.slice(2);
const require = createRequire(join(resolve(modules), "resolve.cjs"));
const moment = require("moment");
require("@thyrith/momentkh")(moment);
const { lunar } = await import(pathToFileURL(require.resolve("khmercal")).href);

// momentkh numbers its months in this order (khMonth()), the two leap months last.
const MOMENTKH_MONTHS = ["MĬKÔSĔR", "BŎSS", "MÉAKH", "PHÂLKŬN", "CHÉTR", "VĬSAKH", "CHÉSTH",
  "ASATH", "SRAPÔNÂ", "PHÔTRÔBÂT", "ÂSSŎCH", "KÂTDĔK", "BÂTHÂMSATH", "TŬTĔYÉASATH"];

const days = [];
for (const year of years.map(Number)) {
  for (let day = moment(`${year}-01-01`, "YYYY-MM-DD"); day.year() === year; day.add(1, "day")) {
    const iso = day.format("YYYY-MM-DD");
    // khmercal reads the date 7 hours earlier than it is given: noon is safely inside the day.
    const other = lunar(new Date(`${iso}T12:00:00+07:00`));
    days.push([iso, other.month.name, other.day, MOMENTKH_MONTHS[day.khMonth()], day.khDay() + 1]);
  }
}
process.stdout.write(JSON.stringify(days));
