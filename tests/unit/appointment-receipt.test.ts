import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { extractText, getMeta } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { appointmentReceipt } from '../../api/services/marriage/appointment-receipt.ts';
import { appointmentReceiptPdf } from '../../api/engine/booking/receipt-pdf.ts';
import { readConfig } from '../../api/env.ts';
import { translator, type Locale } from '../../api/i18n/index.ts';
import { bringLines, whatToBring } from '../../api/services/marriage/what-to-bring.ts';

const TRACKING_NUMBER = '7KQ4-M9XH-2CP';
/** What a draft held before booking: the receipt must take none of the people's details. */
const PEOPLE = {
  'partyA.name': '欧阳震华',
  'partyA.idNumber': '11010119900307451X',
  'partyA.phone': '13912345678',
  'partyB.name': '司马翠萍',
  'partyB.idNumber': '110101199208121220',
  'partyB.phone': '13787654321',
};
const PERSONAL_VALUES = Object.values(PEOPLE);
const ANSWERS = { kind: 'marriage', office: 'demo-district-registry', date: '2026-12-02', start: '09:00', end: '09:30', ...PEOPLE };

const statusUrl = (lang: Locale) => `https://portal.example.gov.cn${lang === 'en' ? '/en' : ''}/track?number=${TRACKING_NUMBER}`;

async function receipt(lang: Locale): Promise<Uint8Array> {
  return appointmentReceiptPdf(
    appointmentReceipt({ lang, trackingNumber: TRACKING_NUMBER, answers: ANSWERS, statusUrl: statusUrl(lang), issuedAt: new Date('2026-11-25T02:00:00Z'), offices: DEMO_OFFICES }),
  );
}

/** Every stream of the file, inflated where it is compressed: what a reader of the raw file could find. */
function streams(pdf: Uint8Array): string[] {
  const raw = Buffer.from(pdf).toString('latin1');
  return [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((match) => {
    const bytes = Buffer.from(match[1] ?? '', 'latin1');
    try {
      return inflateSync(bytes).toString('latin1');
    } catch {
      return bytes.toString('latin1');
    }
  });
}

/**
 * The QR code as drawn on the page: the filled rectangles of the content stream (the receipt draws
 * no other), put back on a grid of modules and rendered as a bitmap with a white quiet zone.
 */
function qrBitmap(pdf: Uint8Array): ImageData {
  const rects = streams(pdf).flatMap((stream) =>
    [...stream.matchAll(/^(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+) re$/gm)].map((match) => match.slice(1, 5).map(Number) as [number, number, number, number]),
  );
  expect(rects.length).toBeGreaterThan(50);
  const module = Math.min(...rects.map(([, , , h]) => h));
  const left = Math.min(...rects.map(([x]) => x));
  const top = Math.min(...rects.map(([, y]) => y));
  const size = Math.round((Math.max(...rects.map(([x, , w]) => x + w)) - left) / module);
  const scale = 6;
  const quiet = 4;
  const width = (size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [x, y, w] of rects) {
    const row = Math.round((y - top) / module);
    const first = Math.round((x - left) / module);
    for (let column = first; column < first + Math.round(w / module); column += 1) {
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const offset = (((row + quiet) * scale + dy) * width + (column + quiet) * scale + dx) * 4;
          data.fill(0, offset, offset + 3);
        }
      }
    }
  }
  return { data, width, height: width, colorSpace: 'srgb' };
}

beforeAll(() => {
  // The decoder's WebAssembly from the installed package, not from the network.
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } });
});

describe('the appointment receipt (预约回执)', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    describe(lang, () => {
      it('is a small one-page PDF with the fonts embedded as subsets', async () => {
        const pdf = await receipt(lang);
        expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        expect(pdf.byteLength).toBeLessThan(100_000);
        const raw = Buffer.from(pdf).toString('latin1');
        // Subset fonts are named with a six-letter tag and carry their glyphs (FontFile2).
        expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
        expect(raw).toContain('/FontFile2');
        const { info } = await getMeta(pdf.slice());
        expect(info['Title']).toContain(TRACKING_NUMBER);
      });

      it('says what, when, where and the tracking number, in the reader’s language', async () => {
        const { text, totalPages } = await extractText(await receipt(lang), { mergePages: true });
        expect(totalPages).toBe(1);
        const flat = text.replace(/\s+/g, '');
        const expected =
          lang === 'zh-CN'
            ? ['婚姻登记预约回执', '结婚登记', '2026年12月2日星期三09:00–09:30', '示例区婚姻登记处', '示例市示例区幸福路8号', '双方本人必须一同到场。']
            : ['Marriageregistryappointmentreceipt', 'Wednesday2December2026,09:00–09:30', 'ExampleDistrictMarriageRegistry', 'Bothofyoumustcomeinperson.'];
        for (const part of [TRACKING_NUMBER, ...expected]) expect(flat).toContain(part);
      });

      it('holds no name, ID number or phone number of the people booked', async () => {
        const pdf = await receipt(lang);
        const { text } = await extractText(pdf.slice(), { mergePages: true });
        const { info } = await getMeta(pdf.slice());
        const everything = [text, JSON.stringify(info), Buffer.from(pdf).toString('latin1'), ...streams(pdf)].join('\n');
        for (const value of PERSONAL_VALUES) expect(everything).not.toContain(value);
        // Names are checked as text; ID numbers and phones also by their first digits, however cut.
        for (const value of PERSONAL_VALUES.filter((v) => /^\d/.test(v))) expect(text.replace(/\s+/g, '')).not.toContain(value.slice(0, 8));
      });

      it('has a QR code that opens the status page for this tracking number, exactly', async () => {
        const [result, ...others] = await readBarcodes(qrBitmap(await receipt(lang)), { formats: ['QRCode'] });
        expect(others).toHaveLength(0);
        expect(result?.isValid).toBe(true);
        expect(result?.text).toBe(statusUrl(lang));
      });
    });
  }

  it('asks one person only to come for a replacement certificate', async () => {
    const pdf = await appointmentReceiptPdf(
      appointmentReceipt({ lang: 'zh-CN', trackingNumber: TRACKING_NUMBER, answers: { ...ANSWERS, kind: 'reissue' }, statusUrl: statusUrl('zh-CN'), issuedAt: new Date(), offices: DEMO_OFFICES }),
    );
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain('补领婚姻登记证');
    expect(text).toContain('本人到场即可。');
    expect(text).not.toContain('双方');
  });
});

/** The receipt's "what to bring" items, as laid out: the row's list. */
function toBring(lang: Locale, answers: Record<string, string>): readonly string[] {
  const row = appointmentReceipt({ lang, trackingNumber: TRACKING_NUMBER, answers, statusUrl: statusUrl(lang), issuedAt: new Date(), offices: DEMO_OFFICES }).rows.find((r) => r.label === translator(lang)('marriage:booking.confirmation.bringTitle'));
  return row?.list ?? [];
}

describe('what to bring, on the receipt (the confirmation page lists the same: what-to-bring.ts)', () => {
  const base = { office: 'demo-district-registry', date: '2026-12-02', start: '09:00', end: '09:30' };
  const ZH = {
    marriage: { kind: 'marriage', 'partyA.idType': 'resident-id', 'partyB.idType': 'resident-id' },
    foreigner: { kind: 'marriage', 'partyA.idType': 'resident-id', 'partyB.idType': 'passport' },
    hongKong: { kind: 'marriage', 'partyA.idType': 'hk-macao-permit', 'partyB.idType': 'resident-id' },
    divorce: { kind: 'divorce', 'partyA.idType': 'resident-id', 'partyB.idType': 'taiwan-permit' },
    reissue: { kind: 'reissue', 'partyA.idType': 'foreign-permanent-id' },
  };
  const cases: { name: string; answers: Record<string, string>; has: string[]; hasNot: string[] }[] = [
    {
      name: 'a marriage: each party’s own document, the photos',
      answers: ZH.marriage,
      has: ['第一方：本人有效的居民身份证原件', '第二方：本人有效的居民身份证原件', '双方近期 2 寸半身免冠合影照片 3 张（不少登记处可以现场拍摄）'],
      hasNot: ['护照', '公证', '无配偶的证明', '受理回执'],
    },
    {
      name: 'a marriage with a passport holder: their passport and proof of having no spouse',
      answers: ZH.foreigner,
      has: ['第一方：本人有效的居民身份证原件', '第二方：本人有效的护照原件', '第二方：本人无配偶的证明（按《婚姻登记条例》第八条认证或出具）'],
      hasNot: ['第一方：本人无配偶', '公证'],
    },
    {
      name: 'a marriage with a Hong Kong or Macao resident: their permit and the notarised declaration',
      answers: ZH.hongKong,
      has: ['第一方：本人有效的港澳居民来往内地通行证原件', '第一方：经居住地公证机构公证的本人无配偶以及与对方没有直系血亲和三代以内旁系血亲关系的声明'],
      hasNot: ['第二方：经居住地公证机构公证', '无配偶的证明'],
    },
    {
      name: 'a divorce’s first visit: documents, marriage certificates, the agreement, and no 受理回执 (only issued at that visit)',
      answers: ZH.divorce,
      has: ['第一方：本人有效的居民身份证原件', '第二方：本人有效的台湾居民来往大陆通行证原件', '结婚证，双方各一本（丢失一本的，书面声明遗失后可以凭另一本办理）', '双方签名的离婚协议书 3 份（份数以登记处要求为准）'],
      hasNot: ['受理回执', '回执单', '合影', '公证'],
    },
    {
      name: 'a reissue: the one person’s own document',
      answers: ZH.reissue,
      has: ['本人有效的外国人永久居留身份证原件', '近期 2 寸半身免冠照片：补领结婚证交 3 张夫妻合影，补领离婚证交 2 张本人单人照'],
      hasNot: ['第一方', '第二方', '无配偶'],
    },
  ];
  for (const { name, answers, has, hasNot } of cases) {
    it(name, async () => {
      const list = toBring('zh-CN', { ...base, ...answers });
      for (const line of has) expect(list).toContain(line);
      for (const text of hasNot) expect(list.join('\n')).not.toContain(text);
      // Printed, on the one page, and read back from it.
      const pdf = await appointmentReceiptPdf(appointmentReceipt({ lang: 'zh-CN', trackingNumber: TRACKING_NUMBER, answers: { ...base, ...answers }, statusUrl: statusUrl('zh-CN'), issuedAt: new Date(), offices: DEMO_OFFICES }));
      const { text, totalPages } = await extractText(pdf, { mergePages: true });
      expect(totalPages).toBe(1);
      const flat = text.replace(/\s+/g, '');
      for (const line of has) expect(flat).toContain(line.replace(/\s+/g, ''));
    });
  }

  it('in English too, each party by their document, still on one page', async () => {
    const list = toBring('en', { ...base, ...ZH.foreigner });
    expect(list).toContain('First person: Resident ID card (居民身份证), the original, in date');
    expect(list).toContain('Second person: Passport, the original, in date');
    expect(list).toContain('Second person: proof of having no spouse, authenticated as the Marriage Registration Regulations (art. 8) require');
    const divorce = toBring('en', { ...base, ...ZH.divorce }).join('\n');
    expect(divorce).toContain('Your marriage certificates');
    expect(divorce).not.toContain('acceptance receipt');
  });

  it('fits on one page whatever documents the two people hold, in both languages', async () => {
    // The longest lists: a marriage where each person brings a document with a long name and a statement.
    const longest = ['hk-macao-permit', 'taiwan-permit', 'residence-permit', 'foreign-permanent-id', 'passport'];
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const [a, b] of longest.flatMap((a) => longest.map((b) => [a, b] as const))) {
        const answers = { ...base, kind: 'marriage', 'partyA.idType': a, 'partyB.idType': b };
        const pdf = await appointmentReceiptPdf(appointmentReceipt({ lang, trackingNumber: TRACKING_NUMBER, answers, statusUrl: statusUrl(lang), issuedAt: new Date(), offices: DEMO_OFFICES }));
        const { totalPages } = await extractText(pdf, { mergePages: true });
        expect(totalPages, `${lang} ${a} + ${b}`).toBe(1);
      }
    }
  });

  it('takes a booking from before document types as resident ID cards, and a second visit asks for the receipt and the photos', () => {
    expect(toBring('zh-CN', { ...base, kind: 'marriage' }).slice(0, 2)).toEqual(['第一方：本人有效的居民身份证原件', '第二方：本人有效的居民身份证原件']);
    const second = bringLines(whatToBring({ kind: 'divorce', visit: 2, documents: { partyA: 'resident-id', partyB: 'resident-id' } }), translator('zh-CN'));
    expect(second).toContain('离婚登记申请受理回执单（丢失的，当场写一份书面声明代替）');
    expect(second).toContain('双方各自的近期 2 寸半身免冠单人照片，每人 2 张');
  });
});

describe('PUBLIC_URL, the origin the QR code points to', () => {
  it('is optional, and kept as an origin', () => {
    expect(readConfig({}).publicUrl).toBeUndefined();
    expect(readConfig({ PUBLIC_URL: '' }).publicUrl).toBeUndefined();
    expect(readConfig({ PUBLIC_URL: 'https://portal.example.gov.cn/' }).publicUrl).toBe('https://portal.example.gov.cn');
    expect(readConfig({ PUBLIC_URL: 'http://127.0.0.1:4321' }).publicUrl).toBe('http://127.0.0.1:4321');
  });

  it('refuses anything but an http(s) origin, naming the variable', () => {
    for (const value of ['portal.example.gov.cn', 'ftp://portal.example.gov.cn', 'https://portal.example.gov.cn/portal', 'https://portal.example.gov.cn/?x=1']) {
      expect(() => readConfig({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL/);
    }
  });
});
