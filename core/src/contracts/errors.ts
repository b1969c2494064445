/**
 * Every error code the API answers with, its HTTP status and what a person reads. A code, once
 * shipped, keeps its meaning (docs/api.md lists them). Messages take {params}.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    en: 'Some of the information sent is not valid.',
    ar: 'بعض المعلومات المرسلة غير صالحة.',
  },
  UNAUTHENTICATED: { status: 401, en: 'Please sign in.', ar: 'يرجى تسجيل الدخول.' },
  VERIFICATION_REQUIRED: {
    status: 401,
    en: 'A verification code is needed.',
    ar: 'مطلوب رمز التحقق.',
  },
  VERIFICATION_FAILED: {
    status: 401,
    en: 'The verification code is wrong or has expired.',
    ar: 'رمز التحقق غير صحيح أو منتهي الصلاحية.',
  },
  INVALID_CREDENTIALS: {
    status: 401,
    en: 'The email or password is not right.',
    ar: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  },
  CSRF_FAILED: {
    status: 403,
    en: 'This request could not be verified. Reload the page and try again.',
    ar: 'تعذر التحقق من هذا الطلب. أعد تحميل الصفحة وحاول مرة أخرى.',
  },
  FORBIDDEN: { status: 403, en: 'You are not allowed to do this.', ar: 'غير مسموح لك بهذا الإجراء.' },
  CAPTCHA_REQUIRED: { status: 403, en: 'Please complete the check.', ar: 'يرجى إكمال التحقق.' },
  CAPTCHA_FAILED: {
    status: 403,
    en: 'The check did not pass. Please try again.',
    ar: 'لم ينجح التحقق. حاول مرة أخرى.',
  },
  NOT_FOUND: { status: 404, en: 'We could not find that.', ar: 'لم نعثر على المطلوب.' },
  BOOKING_NOT_FOUND: {
    status: 404,
    en: 'We could not find a booking with these details.',
    ar: 'لم نعثر على حجز بهذه البيانات.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    en: 'This method is not allowed here.',
    ar: 'هذه الطريقة غير مسموحة هنا.',
  },
  SLOT_FULL: {
    status: 409,
    en: 'This time has just been taken. Please choose another.',
    ar: 'تم حجز هذا الموعد للتو. يرجى اختيار موعد آخر.',
  },
  BOOKING_NOT_CHANGEABLE: {
    status: 409,
    en: 'This booking can no longer be changed.',
    ar: 'لم يعد بالإمكان تعديل هذا الحجز.',
  },
  PERSON_LIMIT: {
    status: 409,
    en: 'You already have a booking for this service.',
    ar: 'لديك حجز قائم لهذه الخدمة.',
  },
  ALREADY_EXISTS: {
    status: 409,
    en: 'Something with the same {field} already exists.',
    ar: 'يوجد عنصر آخر بنفس {field}.',
  },
  BOOKINGS_AFFECTED: {
    status: 409,
    en: 'This change affects {count} existing bookings. Choose to cancel them or keep them.',
    ar: 'هذا التغيير يمس {count} من الحجوزات القائمة. اختر إلغاءها أو الإبقاء عليها.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'The request is too large.', ar: 'الطلب كبير جداً.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    en: 'Send the request as JSON.',
    ar: 'أرسل الطلب بصيغة JSON.',
  },
  SLOT_NOT_FOUND: {
    status: 422,
    en: 'There is no appointment at that time.',
    ar: 'لا يوجد موعد في هذا الوقت.',
  },
  SLOT_IN_PAST: { status: 422, en: 'That time has already passed.', ar: 'هذا الوقت قد مضى.' },
  OUTSIDE_BOOKING_WINDOW: {
    status: 422,
    en: 'That date cannot be booked yet, or is too soon.',
    ar: 'لا يمكن حجز هذا التاريخ حالياً.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    en: 'This request key was already used for a different request.',
    ar: 'تم استخدام مفتاح الطلب هذا لطلب مختلف.',
  },
  RATE_LIMITED: {
    status: 429,
    en: 'Too many requests. Please wait and try again.',
    ar: 'طلبات كثيرة. يرجى الانتظار ثم المحاولة مرة أخرى.',
  },
  SIGN_IN_THROTTLED: {
    status: 429,
    en: 'Too many failed sign-ins. Please wait {minutes} minutes and try again.',
    ar: 'محاولات دخول فاشلة كثيرة. يرجى الانتظار {minutes} دقيقة ثم المحاولة مرة أخرى.',
  },
  INTERNAL: {
    status: 500,
    en: 'Something went wrong on our side.',
    ar: 'حدث خطأ من جانبنا.',
  },
  UNAVAILABLE: {
    status: 503,
    en: 'The service is busy. Please try again shortly.',
    ar: 'الخدمة مشغولة. يرجى المحاولة بعد قليل.',
  },
} as const satisfies Record<string, { status: number; en: string; ar: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

export function errorMessage(
  code: ErrorCode,
  language: 'en' | 'ar',
  params: Record<string, string | number> = {},
) {
  return ERRORS[code][language].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
