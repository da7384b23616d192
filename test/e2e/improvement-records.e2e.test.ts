import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, formatVnDate, isoDateOf } from '../../electron/common/dates';
import { type E2eApp, startApp } from '../support/e2e';

/**
 * The secretary keeps the certification records: a certification body and its
 * contract with the office, the stage 2 audit and the certificate it led to,
 * then corrects a management review and adds a decision that becomes a
 * tracked action.
 */
describe('organisations, external assessments, certificates and management reviews (Chromium)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app?.close());

  const one = <T>(sql: string) => app.ws.sqlite.prepare(sql).get() as T;
  const pick = async (testId: string, option: string) => {
    await app.page.getByTestId(testId).click();
    await app.page.getByRole('option', { name: option, exact: true }).click();
  };
  const typeDate = async (testId: string, value: string) => {
    await app.page.getByTestId(testId).fill(value);
    await app.page.keyboard.press('Tab');
  };

  it('records a certification body, refuses the same name twice, and adds its contract with the office', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Tư vấn, chứng nhận' }).click();
    await page.getByText('Chưa có tổ chức nào').waitFor();
    await page.getByTestId('add-org').click();
    await pick('org-kind', 'Tổ chức chứng nhận');
    await page.getByTestId('org-name').fill('Trung tâm Chứng nhận Phù hợp QUACERT');
    await page.getByTestId('org-contacts').fill('8 Hoàng Quốc Việt, Hà Nội · 024 3756 1025');
    await page.getByTestId('org-save').click();
    await page.getByText('Đã lưu tổ chức').waitFor();
    await page.getByTestId('orgs-table').getByText('Trung tâm Chứng nhận Phù hợp QUACERT').waitFor();

    await page.getByTestId('add-org').click();
    await pick('org-kind', 'Tổ chức chứng nhận');
    await page.getByTestId('org-name').fill('trung tam chung nhan phu hop quacert');
    await page.getByTestId('org-save').click();
    await page.getByTestId('org-error').waitFor();
    expect(await page.getByTestId('org-error').innerText()).toContain('Đã có tổ chức cùng loại tên');
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(one('select count(*) n from organisations')).toEqual({ n: 1 });

    await page.getByTestId('orgs-table').getByText('Trung tâm Chứng nhận Phù hợp QUACERT').click();
    await page.getByTestId('add-engagement').waitFor();
    await page.getByText('Chưa có hợp đồng nào').waitFor();
    await page.getByTestId('add-engagement').click();
    await pick('engagement-unit', '31 · BHXH Hải Phòng');
    await page.getByTestId('engagement-no').fill('05/2012/HĐ-CN');
    await page.getByTestId('engagement-value').fill('38500000');
    await typeDate('engagement-start', '01/10/2012');
    await typeDate('engagement-end', '30/09/2015');
    await app.screenshot('improvement-engagement-form');
    await page.getByTestId('engagement-save').click();
    await page.getByText('Đã thêm hợp đồng').waitFor();
    await page.getByTestId('engagements-table').getByText('38.500.000').waitFor();
    expect(one('select contract_no, contract_value, start_date, end_date, service from engagements')).toEqual({
      contract_no: '05/2012/HĐ-CN',
      contract_value: 38_500_000,
      start_date: '2012-10-01',
      end_date: '2015-09-30',
      service: 'certification',
    });
    await app.screenshot('improvement-organisation');
  });

  it('records the stage 2 audit and the certificate on the office’s page, refusing an expiry before the issue', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Duy trì HTQLCL' }).click();
    await page.getByTestId('health-table').getByText('BHXH Hải Phòng').click();
    await page.getByRole('tab', { name: 'Chứng nhận / Công bố' }).click();
    await page.getByText('Chưa có cuộc đánh giá nào của tổ chức chứng nhận').waitFor();

    await page.getByTestId('add-assessment').click();
    await pick('assessment-kind', 'Đánh giá giai đoạn 2');
    await pick('assessment-body', 'Trung tâm Chứng nhận Phù hợp QUACERT');
    await typeDate('assessment-start', '12/11/2012');
    await page.getByTestId('assessment-lead').fill('Lê Văn Hùng');
    await page.getByTestId('assessment-minor').fill('2');
    await page.getByTestId('assessment-save').click();
    await page.getByText('Đã lưu cuộc đánh giá chứng nhận').waitFor();
    const assessments = page.getByTestId('assessments-table');
    await assessments.getByText('Giai đoạn 2').waitFor();
    await assessments.getByText('Lê Văn Hùng').waitFor();
    expect(one('select kind, start_date, lead_assessor, minor_count, major_count from assessments')).toEqual({
      kind: 'stage2',
      start_date: '2012-11-12',
      lead_assessor: 'Lê Văn Hùng',
      minor_count: 2,
      major_count: 0,
    });

    await page.getByTestId('add-certificate').click();
    await page.getByTestId('certificate-number').fill('HT 2012-117');
    await pick('certificate-body', 'Trung tâm Chứng nhận Phù hợp QUACERT');
    expect(await page.getByTestId('certificate-issuer').inputValue()).toBe('Trung tâm Chứng nhận Phù hợp QUACERT');
    await typeDate('certificate-issue', '15/12/2012');
    await typeDate('certificate-expiry', '01/12/2012');
    await page.getByTestId('certificate-scope').fill('THU');
    await page.keyboard.press('Enter');
    await page.getByTestId('certificate-scope').fill('CAP_SO_THE');
    await page.keyboard.press('Enter');
    await page.getByTestId('certificate-save').click();
    await page.getByTestId('certificate-error').waitFor();
    expect(await page.getByTestId('certificate-error').innerText()).toBe('Ngày hết hạn (01/12/2012) của chứng chỉ phải sau ngày cấp (15/12/2012).');
    expect(one('select count(*) n from certificates')).toEqual({ n: 0 });
    await page.getByTestId('certificate-expiry').fill('');
    await page.keyboard.press('Tab');
    await page.getByTestId('certificate-save').click();
    await page.getByText('Đã ghi nhận giấy chứng nhận').waitFor();
    const certs = page.getByTestId('certificates-table');
    await certs.getByText('HT 2012-117').waitFor();
    await certs.getByText('15/12/2015').waitFor(); // three years by default
    expect(one('select number, issue_date, expiry_date, scope from certificates')).toEqual({
      number: 'HT 2012-117',
      issue_date: '2012-12-15',
      expiry_date: '2015-12-15',
      scope: '["THU","CAP_SO_THE"]',
    });
    await app.screenshot('improvement-certification');

    // Correct the assessment: the lead assessor's name was misspelt.
    await assessments.getByRole('button', { name: 'Sửa' }).click();
    await page.getByTestId('assessment-lead').fill('Lê Văn Hưng');
    await page.getByTestId('assessment-save').click();
    await page.getByText('Đã lưu cuộc đánh giá chứng nhận').first().waitFor();
    await assessments.getByText('Lê Văn Hưng').waitFor();
    expect(one('select count(*) n, lead_assessor from assessments')).toEqual({ n: 1, lead_assessor: 'Lê Văn Hưng' });
  });

  it('corrects a saved management review and adds a decision that appears as a tracked action', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: /Xem xét lãnh đạo/ }).click();
    await page.getByText('Chưa có cuộc họp xem xét nào').waitFor();
    await page.getByTestId('reviews-table').getByRole('button', { name: 'Ghi nhận xem xét lãnh đạo' }).click();
    await typeDate('review-date', '20/12/2025');
    await page.getByTestId('review-chair').fill('Nguyễn Văn An');
    await page.getByTestId('review-save').click();
    await page.getByText('Đã ghi nhận cuộc họp xem xét').waitFor();
    const reviews = page.getByTestId('reviews-table');
    await reviews.getByText('Nguyễn Văn An').waitFor();

    await reviews.getByTestId('review-row-edit').click();
    expect(await page.getByTestId('review-chair').inputValue()).toBe('Nguyễn Văn An');
    await page.getByTestId('review-minutes').fill('09/BB-XXLĐ');
    await page.getByTestId('review-conclusions').fill('HTQLCL phù hợp và được duy trì có hiệu lực.');
    await typeDate('review-date', '20/12/2027');
    await page.getByTestId('review-save').click();
    await page.getByTestId('review-error').waitFor();
    expect(await page.getByTestId('review-error').innerText()).toContain('không được sau ngày hôm nay');
    expect(one('select minutes_no from management_reviews')).toEqual({ minutes_no: '' });
    await typeDate('review-date', '20/12/2025');
    await page.getByTestId('review-save').click();
    await page.getByText('Đã ghi nhận cuộc họp xem xét').first().waitFor();
    await reviews.getByText('09/BB-XXLĐ').waitFor();
    expect(one('select minutes_no, conclusions from management_reviews')).toEqual({
      minutes_no: '09/BB-XXLĐ',
      conclusions: 'HTQLCL phù hợp và được duy trì có hiệu lực.',
    });

    await reviews.getByTestId('add-decision').click();
    await page.getByTestId('decision-title').fill('Rà soát, cập nhật quy trình thu theo văn bản mới');
    await page.getByTestId('decision-owner').fill('Phòng Quản lý Thu');
    await typeDate('decision-due', '31/03/2027');
    await page.getByTestId('decision-save').click();
    await page.getByText('Đã thêm quyết định; hành động đã được mở').waitFor();
    await reviews.getByText('Rà soát, cập nhật quy trình thu theo văn bản mới').waitFor();
    await app.screenshot('improvement-reviews');

    await page.getByRole('tab', { name: /^Hành động/ }).click();
    const actions = page.getByTestId('actions-table');
    await actions.getByText('Rà soát, cập nhật quy trình thu theo văn bản mới').waitFor();
    await actions.getByText('Xem xét của lãnh đạo').waitFor();
    expect(one('select source, owner, opened_date, due_date, status from corrective_actions')).toEqual({
      source: 'management_review',
      owner: 'Phòng Quản lý Thu',
      opened_date: '2025-12-20',
      due_date: '2027-03-31',
      status: 'open',
    });
  });

  it('records an inspection and a finding from it, whose action is due two months after the minutes', async () => {
    const { page } = app;
    // Dates around today: the action opens today and must be due by the deadline.
    const today = isoDateOf(new Date());
    const inspected = addMonths(today, -1);
    const minutes = inspected; // minutes signed on the day
    const deadline = addMonths(minutes, 2);
    const tooLate = addMonths(deadline, 1);
    await page.getByRole('tab', { name: /Kiểm tra/ }).click();
    await page.getByText('Chưa có cuộc kiểm tra nào').waitFor();
    await page.getByTestId('add-inspection').click();
    await page.getByTestId('inspection-inspector').fill('Văn phòng BHXH Việt Nam');
    await typeDate('inspection-date', formatVnDate(inspected));
    await typeDate('inspection-minutes-date', formatVnDate(minutes));
    await page.getByText(`Hạn khắc phục: ${formatVnDate(deadline)} (2 tháng kể từ ngày biên bản).`).waitFor();
    await page.getByTestId('inspection-save').click();
    await page.getByText('Đã lưu cuộc kiểm tra').waitFor();
    await page.getByTestId('inspections-table').getByText(formatVnDate(deadline)).waitFor();

    await page.getByTestId('inspection-add-finding').click();
    await page.getByTestId('finding-procedure').fill('THU.02');
    await page.getByTestId('finding-description').fill('Chưa niêm yết quy trình tại bộ phận một cửa');
    await page.getByTestId('finding-owner').fill('Phòng Quản lý Thu');
    expect(await page.getByTestId('finding-due').inputValue()).toBe(formatVnDate(deadline));
    await typeDate('finding-due', formatVnDate(tooLate));
    await page.getByTestId('finding-save').click();
    await page.getByTestId('finding-error').waitFor();
    expect(await page.getByTestId('finding-error').innerText()).toBe(
      `Hạn xử lý (${formatVnDate(tooLate)}) vượt quá thời hạn 2 tháng kể từ biên bản kiểm tra (${formatVnDate(deadline)}).`,
    );
    expect(one("select count(*) n from findings where source = 'inspection'")).toEqual({ n: 0 });
    await typeDate('finding-due', formatVnDate(deadline));
    await page.getByTestId('finding-save').click();
    await page.getByText('Đã ghi nhận phát hiện').waitFor();
    await page.getByTestId('inspection-findings').getByText('Chưa niêm yết quy trình tại bộ phận một cửa').waitFor();
    expect(one("select f.found_date, a.due_date from findings f join corrective_actions a on a.finding_id = f.id where f.source = 'inspection'")).toEqual({
      found_date: inspected,
      due_date: deadline,
    });
    await app.screenshot('improvement-inspections');
  });
});
