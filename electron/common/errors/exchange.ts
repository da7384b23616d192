import type { Catalogue } from './types';

/** Errors of bundle exchange: keys, trust, export, verification and import. */
export const exchangeErrors = {
  KEY_MISSING: {
    vi: 'Máy này chưa có khóa ký của văn phòng. Hãy tạo khóa ở trang Trao đổi dữ liệu.',
    en: 'This installation has no office signing key yet. Create one first (isodesk keys generate).',
  },
  KEY_EXISTS: { vi: 'Văn phòng đã có khóa ký {fingerprint}.', en: 'The office already has signing key {fingerprint}.' },
  KEY_LOCKED: {
    vi: 'Không mở được khóa ký: cần mật khẩu (biến ISODESK_PASSPHRASE) hoặc kho khóa của hệ điều hành.',
    en: 'The signing key is locked: set ISODESK_PASSPHRASE or enter the passphrase.',
  },
  KEY_WRONG_PASSPHRASE: {
    vi: 'Mật khẩu không đúng hoặc khóa đã bị hỏng; không mở được khóa ký.',
    en: 'Wrong passphrase, or the sealed key is damaged; the signing key could not be opened.',
  },
  KEY_SEALER_MISMATCH: {
    vi: 'Khóa ký được niêm phong bằng "{sealer}", khác với cách đang dùng ("{current}").',
    en: 'The signing key was sealed with "{sealer}" but "{current}" is in use here.',
  },
  PASSPHRASE_TOO_SHORT: { vi: 'Mật khẩu cần ít nhất 8 ký tự.', en: 'The passphrase needs at least 8 characters.' },
  PUBLIC_KEY_INVALID: {
    vi: 'Nội dung không phải là khóa công khai minisign hợp lệ ({details}).',
    en: 'This is not a valid minisign public key ({details}).',
  },
  FINGERPRINT_MISMATCH: {
    vi: 'Dấu vân tay xác nhận không khớp với khóa ({fingerprint}). Hãy đối chiếu lại với đơn vị gửi.',
    en: 'The confirmed fingerprint does not match the key ({fingerprint}). Check it again with the sender.',
  },
  TRUST_OWN_KEY: { vi: 'Đây là khóa của chính văn phòng này.', en: 'This is this office’s own key.' },
  TRUST_EXISTS: { vi: 'Khóa {keyId} đã được tin cậy cho {unit}.', en: 'Key {keyId} is already trusted for {unit}.' },
  TRUST_NOT_FOUND: { vi: 'Không có khóa tin cậy {keyId}.', en: 'There is no trusted key {keyId}.' },
  FILE_NOT_FOUND: { vi: 'Không tìm thấy tệp {path}.', en: 'File not found: {path}.' },
  FILE_EXISTS: { vi: 'Tệp {path} đã tồn tại; hãy chọn tên khác.', en: 'The file {path} already exists; choose another name.' },
  FILE_NOT_ZIP_NAME: { vi: 'Tên tệp gói dữ liệu phải kết thúc bằng .zip.', en: 'A bundle file name must end in .zip.' },
  BUNDLE_FILE_CHANGED: {
    vi: 'Tệp {path} không còn khớp với mã băm đã ghi (tệp đính kèm bị thay đổi hoặc hỏng trong kho); gói dữ liệu chưa được tạo. Hãy kiểm tra tệp đính kèm ở trang Quy trình.',
    en: 'File {path} no longer matches its recorded hash (an attachment in the store was altered or damaged); no bundle was written. Check the attachments on the Procedures page.',
  },
  NOTHING_TO_EXPORT: { vi: 'Không có thay đổi nào kể từ gói đã được xác nhận; chọn "Toàn bộ" để gửi lại tất cả.', en: 'Nothing changed since the last acknowledged bundle; use --full to send everything.' },
  // Reading the zip
  NOT_A_ZIP: { vi: 'Tệp này không phải là gói dữ liệu (không phải tệp zip).', en: 'This file is not a bundle (not a zip file).' },
  ZIP_TRUNCATED: { vi: 'Tệp gói dữ liệu bị cắt cụt hoặc hỏng ({details}).', en: 'The bundle file is truncated or damaged ({details}).' },
  ZIP_BAD_PATH: {
    vi: 'Gói chứa đường dẫn không an toàn "{path}" ({reason}); đã từ chối.',
    en: 'The bundle contains an unsafe path "{path}" ({reason}); refused.',
  },
  ZIP_LINK: { vi: 'Gói chứa liên kết tượng trưng "{path}"; đã từ chối.', en: 'The bundle contains a symbolic link "{path}"; refused.' },
  ZIP_DUPLICATE: { vi: 'Gói chứa hai mục cùng tên "{path}"; đã từ chối.', en: 'The bundle contains two entries named "{path}"; refused.' },
  ZIP_BOMB: {
    vi: 'Gói vượt giới hạn an toàn ({details}); có thể là tệp nén độc hại.',
    en: 'The bundle exceeds the safety limits ({details}); it may be a zip bomb.',
  },
  ZIP_NOT_CANONICAL: {
    vi: 'Vỏ tệp zip của gói đã bị thay đổi hoặc không do ISO Desk tạo ({details}).',
    en: 'The bundle’s zip container was altered or not written as a bundle ({details}).',
  },
  ZIP_CRC: { vi: 'Nội dung mục "{path}" bị hỏng (CRC-32 không khớp).', en: 'The content of "{path}" is damaged (CRC-32 mismatch).' },
  // BagIt structure and integrity
  BAG_LAYOUT: { vi: 'Cấu trúc gói không đúng chuẩn BagIt: {details}.', en: 'The bundle is not a valid BagIt bag: {details}.' },
  BAG_FILE_MISSING: { vi: 'Gói thiếu tệp "{path}" được liệt kê trong danh mục.', en: 'The bundle is missing "{path}", which its manifest lists.' },
  BAG_FILE_EXTRA: { vi: 'Gói có tệp "{path}" không được liệt kê trong danh mục.', en: 'The bundle contains "{path}", which its manifest does not list.' },
  BAG_HASH_MISMATCH: {
    vi: 'Nội dung tệp "{path}" đã bị thay đổi (mã băm không khớp).',
    en: 'The content of "{path}" was changed (its hash does not match).',
  },
  BAG_OXUM_MISMATCH: {
    vi: 'Payload-Oxum không khớp: khai báo {declared}, thực tế {actual}.',
    en: 'Payload-Oxum does not match: declared {declared}, found {actual}.',
  },
  BAG_INFO_MISSING: { vi: 'bag-info.txt thiếu trường {label}.', en: 'bag-info.txt lacks the {label} field.' },
  BAG_INFO_INVALID: { vi: 'Trường {label} trong bag-info.txt không hợp lệ: "{value}".', en: 'bag-info.txt field {label} is invalid: "{value}".' },
  BUNDLE_SCHEMA_NEWER: {
    vi: 'Gói được tạo bởi ISO Desk mới hơn (lược đồ {found}, máy này hỗ trợ đến {known}). Hãy cập nhật ISO Desk rồi nhập lại.',
    en: 'The bundle was made by a newer ISO Desk (schema {found}; this one knows up to {known}). Update ISO Desk, then import again.',
  },
  // Signature and trust
  SIGNATURE_MISSING: { vi: 'Gói không có chữ ký (tagmanifest-sha256.txt.minisig).', en: 'The bundle has no signature (tagmanifest-sha256.txt.minisig).' },
  SIGNATURE_MALFORMED: { vi: 'Tệp chữ ký không đúng định dạng minisign ({details}).', en: 'The signature file is not in minisign format ({details}).' },
  SIGNATURE_INVALID: {
    vi: 'Chữ ký không hợp lệ: gói đã bị thay đổi sau khi ký hoặc không do khóa {keyId} ký.',
    en: 'The signature is invalid: the bundle was changed after signing or not signed by key {keyId}.',
  },
  SIGNATURE_COMMENT_MISMATCH: {
    vi: 'Chú thích tin cậy của chữ ký không khớp với bag-info.txt.',
    en: 'The signature’s trusted comment does not match bag-info.txt.',
  },
  KEY_UNKNOWN: {
    vi: 'Gói được ký bằng khóa {keyId} chưa được tin cậy. Hãy thêm khóa công khai của đơn vị gửi và đối chiếu dấu vân tay.',
    en: 'The bundle is signed by key {keyId}, which is not trusted. Add the sender’s public key and confirm its fingerprint.',
  },
  KEY_REVOKED: { vi: 'Khóa {keyId} của {unit} đã bị thu hồi ngày {date}; gói bị từ chối.', en: 'Key {keyId} of {unit} was revoked on {date}; the bundle is refused.' },
  KEY_UNIT_MISMATCH: {
    vi: 'Khóa {keyId} được tin cậy cho {trusted}, nhưng gói tự nhận là của {claimed}.',
    en: 'Key {keyId} is trusted for {trusted}, but the bundle claims to come from {claimed}.',
  },
  KEY_FINGERPRINT_MISMATCH: {
    vi: 'Dấu vân tay khóa trong bag-info.txt ({claimed}) không khớp với khóa đã ký ({actual}).',
    en: 'The key fingerprint in bag-info.txt ({claimed}) does not match the signing key ({actual}).',
  },
  // Sequence and chain
  BUNDLE_FORK: {
    vi: 'Cảnh báo: {issuer} đã gửi hai gói khác nhau cùng số thứ tự {sequence}. Gói bị từ chối và đã được ghi nhận.',
    en: 'Warning: {issuer} issued two different bundles with sequence {sequence}. Refused and flagged.',
  },
  BUNDLE_OUT_OF_ORDER: {
    vi: 'Gói số {sequence} của {issuer} cũ hơn gói đã nhập gần nhất (số {last}); đã từ chối.',
    en: 'Bundle {sequence} from {issuer} is older than the last one imported ({last}); refused.',
  },
  BUNDLE_GAP: {
    vi: 'Thiếu gói số {missing} của {issuer} (gói này là số {sequence}). Hãy nhập các gói còn thiếu hoặc chọn chấp nhận khoảng trống.',
    en: 'Bundles {missing} from {issuer} are missing (this one is {sequence}). Import them first or explicitly accept the gap (--accept-gap).',
  },
  BUNDLE_CHAIN_BROKEN: {
    vi: 'Chuỗi băm bị đứt: gói số {sequence} của {issuer} không nối tiếp gói số {previous} đã nhập.',
    en: 'Hash chain broken: bundle {sequence} from {issuer} does not follow bundle {previous} as imported.',
  },
  BUNDLE_OWN: { vi: 'Đây là gói do chính văn phòng này phát hành.', en: 'This bundle was issued by this office itself.' },
  // Records
  BUNDLE_OUTSIDE_SUBTREE: {
    vi: 'Gói của {issuer} thay đổi bản ghi {table}/{rowId} thuộc đơn vị không trực thuộc {issuer}; đã từ chối toàn bộ gói.',
    en: 'The bundle from {issuer} changes {table}/{rowId}, which belongs to a unit outside {issuer}’s subtree; the whole bundle is refused.',
  },
  BUNDLE_ROW_INVALID: {
    vi: 'Bản ghi không hợp lệ trong {file}, dòng {line}: {details}.',
    en: 'Invalid record in {file}, line {line}: {details}.',
  },
  BUNDLE_UNKNOWN_TABLE: { vi: 'Gói chứa bảng không biết "{table}".', en: 'The bundle contains an unknown table "{table}".' },
  BUNDLE_REFERENCES: {
    vi: 'Gói tham chiếu tới bản ghi không có trên máy này ({details}); không có gì bị thay đổi.',
    en: 'The bundle refers to records this installation does not have ({details}); nothing was changed.',
  },
  BUNDLE_STAGE_EXPIRED: { vi: 'Bản xem trước đã hết hạn; hãy chọn lại tệp gói.', en: 'The preview has expired; open the bundle file again.' },
  BUNDLE_NESTED_INVALID: {
    vi: 'Gói gốc {name} kèm trong gói tổng hợp không hợp lệ: {details}',
    en: 'The original bundle {name} carried in the roll-up is invalid: {details}',
  },
  // Receipts
  RECEIPT_INVALID: { vi: 'Biên nhận không hợp lệ: {details}.', en: 'The receipt is invalid: {details}.' },
  RECEIPT_UNKNOWN_BUNDLE: {
    vi: 'Biên nhận xác nhận gói {bundleId} mà máy này không phát hành (hoặc mã băm khác).',
    en: 'The receipt acknowledges bundle {bundleId}, which this office did not issue (or with another hash).',
  },
} satisfies Catalogue;
