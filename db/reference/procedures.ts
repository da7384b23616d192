/**
 * Reference data of the procedures area: a starter catalogue of procedures
 * and the clause trees of TCVN ISO 9001:2008 and 9001:2015 with a 2008→2015
 * mapping. Everything here is editable reference, not law: procedure names
 * follow DOMAIN.md's examples [unverified, names vary by year]; clause titles
 * are short paraphrases written for this app, not the standard's text.
 */

export type Domain = 'thu' | 'chi_tra' | 'cs_bhxh' | 'cs_bhyt' | 'so_the' | 'noi_bo';

export interface ReferenceProcedure {
  code: string;
  title: string;
  domain: Domain;
  ownerRole: string;
  adminProcedure: string;
  /** For the six procedures ISO 9001:2008 requires: the clause they serve. */
  clause?: string;
}

const admin = (code: string, domain: Domain, ownerRole: string, title: string): ReferenceProcedure => ({
  code,
  title: `Quy trình ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
  domain,
  ownerRole,
  adminProcedure: title,
});

const internal = (code: string, title: string, clause: string): ReferenceProcedure => ({
  code,
  title: `Quy trình ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
  domain: 'noi_bo',
  ownerRole: 'Văn phòng',
  adminProcedure: '',
  clause,
});

/** The starter catalogue: the framework model's example procedures and the six mandatory 2008 internal procedures. */
export const starterProcedures: ReferenceProcedure[] = [
  admin('QT-THU-01', 'thu', 'Phòng Quản lý thu', 'Báo tăng, giảm, điều chỉnh đóng BHXH, BHYT, BHTN'),
  admin('QT-THU-02', 'thu', 'Phòng Quản lý thu', 'Truy đóng BHXH, BHYT, BHTN'),
  admin('QT-THU-03', 'thu', 'Phòng Quản lý thu', 'Đăng ký, thay đổi thông tin đóng BHXH, BHYT, BHTN'),
  admin('QT-THU-04', 'thu', 'Phòng Quản lý thu', 'Đăng ký tham gia BHXH tự nguyện'),
  admin('QT-ST-01', 'so_the', 'Phòng Cấp sổ, thẻ', 'Cấp lại, đổi, điều chỉnh thông tin sổ BHXH'),
  admin('QT-ST-02', 'so_the', 'Phòng Cấp sổ, thẻ', 'Cấp lại, đổi, điều chỉnh thông tin thẻ BHYT'),
  admin('QT-CSXH-01', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng chế độ ốm đau'),
  admin('QT-CSXH-02', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng chế độ thai sản'),
  admin('QT-CSXH-03', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng trợ cấp dưỡng sức phục hồi sức khỏe'),
  admin('QT-CSXH-04', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng chế độ tai nạn lao động, bệnh nghề nghiệp'),
  admin('QT-CSXH-05', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng chế độ tử tuất'),
  admin('QT-CSXH-06', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Giải quyết hưởng BHXH một lần'),
  admin('QT-CSXH-07', 'cs_bhxh', 'Phòng Chế độ BHXH', 'Di chuyển nơi hưởng lương hưu, trợ cấp BHXH'),
  admin('QT-CSYT-01', 'cs_bhyt', 'Phòng Giám định BHYT', 'Thanh toán trực tiếp chi phí khám bệnh, chữa bệnh BHYT'),
  admin('QT-CSYT-02', 'cs_bhyt', 'Phòng Giám định BHYT', 'Ký hợp đồng khám bệnh, chữa bệnh BHYT'),
  admin('QT-CT-01', 'chi_tra', 'Phòng Kế hoạch - Tài chính', 'Chuyển phương thức nhận lương hưu, trợ cấp (tiền mặt, tài khoản)'),
  admin('QT-CT-02', 'chi_tra', 'Phòng Kế hoạch - Tài chính', 'Ủy quyền lĩnh thay lương hưu, trợ cấp BHXH'),
  internal('QT-NB-01', 'Kiểm soát tài liệu', '4.2.3'),
  internal('QT-NB-02', 'Kiểm soát hồ sơ', '4.2.4'),
  internal('QT-NB-03', 'Đánh giá nội bộ', '8.2.2'),
  internal('QT-NB-04', 'Kiểm soát sản phẩm không phù hợp', '8.3'),
  internal('QT-NB-05', 'Hành động khắc phục', '8.5.2'),
  internal('QT-NB-06', 'Hành động phòng ngừa', '8.5.3'),
];

export type Standard = '2008' | '2015';

/** What documented information a clause asks for (2008: a documented procedure; 2015: maintain or retain). */
export type DocumentedInfo = 'procedure' | 'maintain' | 'retain';

export interface Clause {
  standard: Standard;
  clause: string;
  /** The enclosing clause ("7.5" for "7.5.3"); null at the top. */
  parent: string | null;
  vi: string;
  en: string;
  documented?: DocumentedInfo;
}

type Row = [clause: string, vi: string, en: string, documented?: DocumentedInfo];

const parentOf = (clause: string) => (clause.includes('.') ? clause.slice(0, clause.lastIndexOf('.')) : null);
const tree = (standard: Standard, rows: Row[]): Clause[] =>
  rows.map(([clause, vi, en, documented]) => ({ standard, clause, parent: parentOf(clause), vi, en, ...(documented ? { documented } : {}) }));

export const clauses2008: Clause[] = tree('2008', [
  ['4', 'Hệ thống quản lý chất lượng', 'Quality management system'],
  ['4.1', 'Yêu cầu chung đối với hệ thống', 'General system requirements'],
  ['4.2', 'Hệ thống tài liệu', 'Documentation'],
  ['4.2.1', 'Các tài liệu cần có', 'Documents the system needs'],
  ['4.2.2', 'Sổ tay chất lượng', 'Quality manual', 'maintain'],
  ['4.2.3', 'Kiểm soát tài liệu', 'Controlling documents', 'procedure'],
  ['4.2.4', 'Kiểm soát hồ sơ', 'Controlling records', 'procedure'],
  ['5', 'Trách nhiệm của lãnh đạo', 'Management responsibility'],
  ['5.1', 'Cam kết của lãnh đạo', 'Leadership commitment'],
  ['5.2', 'Hướng vào người dân, tổ chức', 'Focus on citizens and organisations served'],
  ['5.3', 'Chính sách chất lượng', 'Quality policy', 'maintain'],
  ['5.4', 'Hoạch định', 'Planning'],
  ['5.4.1', 'Mục tiêu chất lượng', 'Quality objectives', 'maintain'],
  ['5.4.2', 'Hoạch định hệ thống', 'Planning the system'],
  ['5.5', 'Trách nhiệm, quyền hạn và trao đổi thông tin', 'Responsibility, authority and communication'],
  ['5.5.1', 'Phân công trách nhiệm, quyền hạn', 'Assigning responsibility and authority'],
  ['5.5.2', 'Đại diện lãnh đạo', 'Management representative'],
  ['5.5.3', 'Trao đổi thông tin nội bộ', 'Internal communication'],
  ['5.6', 'Xem xét của lãnh đạo', 'Management review'],
  ['5.6.1', 'Khái quát về xem xét', 'Review overview', 'retain'],
  ['5.6.2', 'Đầu vào của xem xét', 'What the review considers'],
  ['5.6.3', 'Kết quả của xem xét', 'What the review decides'],
  ['6', 'Quản lý nguồn lực', 'Resource management'],
  ['6.1', 'Cung cấp nguồn lực', 'Providing resources'],
  ['6.2', 'Nguồn nhân lực', 'People'],
  ['6.2.1', 'Yêu cầu chung về nhân lực', 'Staffing in general'],
  ['6.2.2', 'Năng lực, đào tạo và nhận thức', 'Competence, training and awareness', 'retain'],
  ['6.3', 'Cơ sở hạ tầng', 'Infrastructure'],
  ['6.4', 'Môi trường làm việc', 'Work environment'],
  ['7', 'Tạo sản phẩm (cung cấp dịch vụ)', 'Product realisation (service delivery)'],
  ['7.1', 'Hoạch định việc cung cấp dịch vụ', 'Planning service delivery'],
  ['7.2', 'Các quá trình liên quan đến người dân, tổ chức', 'Processes related to those served'],
  ['7.2.1', 'Xác định yêu cầu đối với dịch vụ', 'Working out what the service must meet'],
  ['7.2.2', 'Xem xét yêu cầu đối với dịch vụ', 'Reviewing those requirements', 'retain'],
  ['7.2.3', 'Trao đổi thông tin với người dân, tổ chức', 'Communicating with those served'],
  ['7.3', 'Thiết kế và phát triển', 'Design and development'],
  ['7.3.1', 'Hoạch định thiết kế', 'Planning design'],
  ['7.3.2', 'Đầu vào thiết kế', 'Design inputs'],
  ['7.3.3', 'Đầu ra thiết kế', 'Design outputs'],
  ['7.3.4', 'Xem xét thiết kế', 'Design review'],
  ['7.3.5', 'Kiểm tra xác nhận thiết kế', 'Design verification'],
  ['7.3.6', 'Xác nhận giá trị sử dụng của thiết kế', 'Design validation'],
  ['7.3.7', 'Kiểm soát thay đổi thiết kế', 'Design changes'],
  ['7.4', 'Mua hàng', 'Purchasing'],
  ['7.4.1', 'Quá trình mua hàng', 'The purchasing process'],
  ['7.4.2', 'Thông tin mua hàng', 'Purchasing information'],
  ['7.4.3', 'Kiểm tra xác nhận sản phẩm mua vào', 'Checking what was bought'],
  ['7.5', 'Cung cấp dịch vụ', 'Delivering the service'],
  ['7.5.1', 'Kiểm soát việc cung cấp dịch vụ', 'Controlled delivery'],
  ['7.5.2', 'Xác nhận giá trị sử dụng của các quá trình', 'Validating delivery processes'],
  ['7.5.3', 'Nhận biết và truy tìm nguồn gốc', 'Identification and traceability'],
  ['7.5.4', 'Tài sản của người dân, tổ chức', 'Property of those served (records, papers)'],
  ['7.5.5', 'Bảo toàn hồ sơ, sản phẩm', 'Preserving files and outputs'],
  ['7.6', 'Kiểm soát thiết bị theo dõi và đo lường', 'Monitoring and measuring equipment'],
  ['8', 'Đo lường, phân tích và cải tiến', 'Measurement, analysis and improvement'],
  ['8.1', 'Khái quát', 'Overview'],
  ['8.2', 'Theo dõi và đo lường', 'Monitoring and measurement'],
  ['8.2.1', 'Sự thỏa mãn của người dân, tổ chức', 'Satisfaction of those served'],
  ['8.2.2', 'Đánh giá nội bộ', 'Internal audit', 'procedure'],
  ['8.2.3', 'Theo dõi và đo lường các quá trình', 'Monitoring processes'],
  ['8.2.4', 'Theo dõi và đo lường kết quả dịch vụ', 'Checking service results'],
  ['8.3', 'Kiểm soát sản phẩm không phù hợp', 'Controlling nonconforming outputs', 'procedure'],
  ['8.4', 'Phân tích dữ liệu', 'Analysing data'],
  ['8.5', 'Cải tiến', 'Improvement'],
  ['8.5.1', 'Cải tiến thường xuyên', 'Continual improvement'],
  ['8.5.2', 'Hành động khắc phục', 'Corrective action', 'procedure'],
  ['8.5.3', 'Hành động phòng ngừa', 'Preventive action', 'procedure'],
]);

export const clauses2015: Clause[] = tree('2015', [
  ['4', 'Bối cảnh của tổ chức', 'Context of the organisation'],
  ['4.1', 'Hiểu tổ chức và bối cảnh', 'The organisation and its setting'],
  ['4.2', 'Nhu cầu và mong đợi của các bên liên quan', 'Needs of interested parties'],
  ['4.3', 'Phạm vi áp dụng hệ thống', 'Scope of the system', 'maintain'],
  ['4.4', 'Hệ thống và các quá trình', 'The system and its processes', 'maintain'],
  ['5', 'Sự lãnh đạo', 'Leadership'],
  ['5.1', 'Vai trò và cam kết của lãnh đạo', 'Leadership and commitment'],
  ['5.1.1', 'Cam kết chung', 'General commitment'],
  ['5.1.2', 'Hướng vào người dân, tổ chức', 'Focus on those served'],
  ['5.2', 'Chính sách chất lượng', 'Quality policy'],
  ['5.2.1', 'Xây dựng chính sách', 'Setting the policy'],
  ['5.2.2', 'Phổ biến chính sách', 'Communicating the policy', 'maintain'],
  ['5.3', 'Vai trò, trách nhiệm và quyền hạn', 'Roles, responsibilities and authorities'],
  ['6', 'Hoạch định', 'Planning'],
  ['6.1', 'Hành động giải quyết rủi ro và cơ hội', 'Acting on risks and opportunities'],
  ['6.2', 'Mục tiêu chất lượng và kế hoạch đạt mục tiêu', 'Quality objectives and how to reach them', 'maintain'],
  ['6.3', 'Hoạch định thay đổi', 'Planning changes'],
  ['7', 'Hỗ trợ', 'Support'],
  ['7.1', 'Nguồn lực', 'Resources'],
  ['7.1.1', 'Khái quát về nguồn lực', 'Resources in general'],
  ['7.1.2', 'Con người', 'People'],
  ['7.1.3', 'Cơ sở hạ tầng', 'Infrastructure'],
  ['7.1.4', 'Môi trường vận hành các quá trình', 'Environment for running processes'],
  ['7.1.5', 'Nguồn lực theo dõi và đo lường', 'Monitoring and measuring resources', 'retain'],
  ['7.1.6', 'Tri thức của tổ chức', 'Organisational knowledge'],
  ['7.2', 'Năng lực', 'Competence', 'retain'],
  ['7.3', 'Nhận thức', 'Awareness'],
  ['7.4', 'Trao đổi thông tin', 'Communication'],
  ['7.5', 'Thông tin dạng văn bản', 'Documented information'],
  ['7.5.1', 'Thông tin cần có', 'What must be documented'],
  ['7.5.2', 'Tạo mới và cập nhật', 'Creating and updating'],
  ['7.5.3', 'Kiểm soát thông tin dạng văn bản', 'Controlling documented information'],
  ['8', 'Thực hiện', 'Operation'],
  ['8.1', 'Hoạch định và kiểm soát việc thực hiện', 'Planning and controlling operations', 'maintain'],
  ['8.2', 'Yêu cầu đối với dịch vụ', 'Requirements for services'],
  ['8.2.1', 'Trao đổi thông tin với người dân, tổ chức', 'Communicating with those served'],
  ['8.2.2', 'Xác định yêu cầu đối với dịch vụ', 'Working out service requirements'],
  ['8.2.3', 'Xem xét yêu cầu đối với dịch vụ', 'Reviewing service requirements', 'retain'],
  ['8.2.4', 'Thay đổi yêu cầu', 'Changed requirements'],
  ['8.3', 'Thiết kế và phát triển', 'Design and development'],
  ['8.3.1', 'Khái quát về thiết kế', 'Design in general'],
  ['8.3.2', 'Hoạch định thiết kế', 'Planning design', 'retain'],
  ['8.3.3', 'Đầu vào thiết kế', 'Design inputs', 'retain'],
  ['8.3.4', 'Kiểm soát thiết kế', 'Design controls', 'retain'],
  ['8.3.5', 'Đầu ra thiết kế', 'Design outputs', 'retain'],
  ['8.3.6', 'Thay đổi thiết kế', 'Design changes', 'retain'],
  ['8.4', 'Kiểm soát quá trình, dịch vụ do bên ngoài cung cấp', 'Controlling what outside providers supply'],
  ['8.4.1', 'Khái quát', 'Overview', 'retain'],
  ['8.4.2', 'Loại và mức độ kiểm soát', 'Type and extent of control'],
  ['8.4.3', 'Thông tin cho nhà cung cấp bên ngoài', 'Information for outside providers'],
  ['8.5', 'Cung cấp dịch vụ', 'Service provision'],
  ['8.5.1', 'Kiểm soát việc cung cấp dịch vụ', 'Controlled service provision'],
  ['8.5.2', 'Nhận biết và truy xuất nguồn gốc', 'Identification and traceability', 'retain'],
  ['8.5.3', 'Tài sản của người dân, tổ chức', 'Property of those served', 'retain'],
  ['8.5.4', 'Bảo toàn', 'Preservation'],
  ['8.5.5', 'Hoạt động sau khi cung cấp dịch vụ', 'After-delivery activities'],
  ['8.5.6', 'Kiểm soát thay đổi', 'Controlling changes', 'retain'],
  ['8.6', 'Thông qua kết quả dịch vụ', 'Releasing service results', 'retain'],
  ['8.7', 'Kiểm soát đầu ra không phù hợp', 'Controlling nonconforming outputs'],
  ['8.7.1', 'Xử lý đầu ra không phù hợp', 'Handling nonconforming outputs'],
  ['8.7.2', 'Lưu thông tin về đầu ra không phù hợp', 'Keeping records of them', 'retain'],
  ['9', 'Đánh giá kết quả hoạt động', 'Performance evaluation'],
  ['9.1', 'Theo dõi, đo lường, phân tích và đánh giá', 'Monitoring, measurement, analysis, evaluation'],
  ['9.1.1', 'Khái quát', 'Overview', 'retain'],
  ['9.1.2', 'Sự thỏa mãn của người dân, tổ chức', 'Satisfaction of those served'],
  ['9.1.3', 'Phân tích và đánh giá', 'Analysis and evaluation'],
  ['9.2', 'Đánh giá nội bộ', 'Internal audit'],
  ['9.2.1', 'Thực hiện đánh giá nội bộ định kỳ', 'Auditing at planned intervals'],
  ['9.2.2', 'Chương trình đánh giá', 'The audit programme', 'retain'],
  ['9.3', 'Xem xét của lãnh đạo', 'Management review'],
  ['9.3.1', 'Khái quát', 'Overview'],
  ['9.3.2', 'Đầu vào của xem xét', 'What the review considers'],
  ['9.3.3', 'Đầu ra của xem xét', 'What the review decides', 'retain'],
  ['10', 'Cải tiến', 'Improvement'],
  ['10.1', 'Khái quát', 'Overview'],
  ['10.2', 'Sự không phù hợp và hành động khắc phục', 'Nonconformity and corrective action'],
  ['10.2.1', 'Xử lý sự không phù hợp', 'Dealing with a nonconformity'],
  ['10.2.2', 'Lưu thông tin về hành động khắc phục', 'Keeping records of corrective action', 'retain'],
  ['10.3', 'Cải tiến liên tục', 'Continual improvement'],
]);

export const clauseTrees: Record<Standard, Clause[]> = { '2008': clauses2008, '2015': clauses2015 };

/**
 * Where each 2008 clause went in 2015 (leaf to leaf), following the usual
 * correlation tables in spirit. Used to pre-fill a unit's 2015 checklist from
 * its 2008 one; clauses new in 2015 (context, interested parties, risks,
 * knowledge…) have no source and start afresh. Editable reference.
 */
export const mapping2008to2015: Record<string, string[]> = {
  '4.1': ['4.4', '8.4.1'],
  '4.2.1': ['7.5.1'],
  '4.2.2': ['4.3', '4.4'],
  '4.2.3': ['7.5.2', '7.5.3'],
  '4.2.4': ['7.5.2', '7.5.3'],
  '5.1': ['5.1.1'],
  '5.2': ['5.1.2'],
  '5.3': ['5.2.1', '5.2.2'],
  '5.4.1': ['6.2'],
  '5.4.2': ['6.1', '6.3'],
  '5.5.1': ['5.3'],
  '5.5.2': ['5.3'],
  '5.5.3': ['7.4'],
  '5.6.1': ['9.3.1'],
  '5.6.2': ['9.3.2'],
  '5.6.3': ['9.3.3'],
  '6.1': ['7.1.1'],
  '6.2.1': ['7.1.2'],
  '6.2.2': ['7.2', '7.3'],
  '6.3': ['7.1.3'],
  '6.4': ['7.1.4'],
  '7.1': ['8.1'],
  '7.2.1': ['8.2.2'],
  '7.2.2': ['8.2.3', '8.2.4'],
  '7.2.3': ['8.2.1'],
  '7.3.1': ['8.3.1', '8.3.2'],
  '7.3.2': ['8.3.3'],
  '7.3.3': ['8.3.5'],
  '7.3.4': ['8.3.4'],
  '7.3.5': ['8.3.4'],
  '7.3.6': ['8.3.4'],
  '7.3.7': ['8.3.6', '8.5.6'],
  '7.4.1': ['8.4.1'],
  '7.4.2': ['8.4.3'],
  '7.4.3': ['8.4.2', '8.6'],
  '7.5.1': ['8.5.1', '8.5.5'],
  '7.5.2': ['8.5.1'],
  '7.5.3': ['8.5.2'],
  '7.5.4': ['8.5.3'],
  '7.5.5': ['8.5.4'],
  '7.6': ['7.1.5'],
  '8.1': ['9.1.1'],
  '8.2.1': ['9.1.2'],
  '8.2.2': ['9.2.1', '9.2.2'],
  '8.2.3': ['9.1.1'],
  '8.2.4': ['8.6'],
  '8.3': ['8.7.1', '8.7.2'],
  '8.4': ['9.1.3'],
  '8.5.1': ['10.1', '10.3'],
  '8.5.2': ['10.2.1', '10.2.2'],
  '8.5.3': ['6.1'],
};
