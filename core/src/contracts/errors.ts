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
  SCOPE_REQUIRED: {
    status: 403,
    en: 'This API key does not have the {scope} scope.',
    ar: 'مفتاح الواجهة هذا لا يملك صلاحية {scope}.',
  },
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
  NO_SHOW_LIMIT: {
    status: 409,
    en: 'You missed {count} appointments in the last {days} days, so booking online is paused until {until}.',
    ar: 'تغيبت عن {count} مواعيد خلال آخر {days} يوماً، لذا تم إيقاف الحجز عبر الإنترنت حتى {until}.',
  },
  WAITLIST_ALREADY_JOINED: {
    status: 409,
    en: 'You are already on the waitlist for this service.',
    ar: 'أنت مسجل بالفعل في قائمة الانتظار لهذه الخدمة.',
  },
  WAITLIST_NOT_FOUND: {
    status: 404,
    en: 'We could not find this waitlist entry.',
    ar: 'لم نعثر على طلب الانتظار هذا.',
  },
  OFFER_NOT_FOUND: {
    status: 404,
    en: 'We could not find this offer.',
    ar: 'لم نعثر على هذا العرض.',
  },
  OFFER_NOT_AVAILABLE: {
    status: 409,
    en: 'This offer no longer stands: it expired, was declined or was already used.',
    ar: 'لم يعد هذا العرض قائماً: انتهت مدته أو رُفض أو استُخدم.',
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
  CHECK_IN_TOO_EARLY: {
    status: 409,
    en: 'It is too early to check in for this appointment. Check-in opens at {from} and closes at {to}.',
    ar: 'الوقت مبكر لتسجيل الحضور لهذا الموعد. يبدأ تسجيل الحضور الساعة {from} وينتهي الساعة {to}.',
  },
  CHECK_IN_TOO_LATE: {
    status: 409,
    en: 'Check-in for this appointment closed at {to} (it was open from {from}).',
    ar: 'انتهى تسجيل الحضور لهذا الموعد الساعة {to} (كان متاحاً من الساعة {from}).',
  },
  WALK_INS_NOT_ACCEPTED: {
    status: 409,
    en: 'This service is by appointment only.',
    ar: 'هذه الخدمة بموعد مسبق فقط.',
  },
  WALK_IN_CAPACITY_REACHED: {
    status: 409,
    en: 'No more tickets without an appointment can be issued for this service today.',
    ar: 'لا يمكن إصدار المزيد من التذاكر بدون موعد لهذه الخدمة اليوم.',
  },
  HALL_CLOSED: {
    status: 409,
    en: 'The centre is not issuing tickets at this time.',
    ar: 'المركز لا يصدر تذاكر في هذا الوقت.',
  },
  SERVICE_NOT_OFFERED: {
    status: 409,
    en: 'This service is not offered at this centre.',
    ar: 'هذه الخدمة غير متوفرة في هذا المركز.',
  },
  TICKET_NOT_CHANGEABLE: {
    status: 409,
    en: 'This ticket cannot be changed that way now.',
    ar: 'لا يمكن تغيير هذه التذكرة بهذه الطريقة الآن.',
  },
  TICKET_NOT_AT_COUNTER: {
    status: 409,
    en: 'This ticket is not at this counter.',
    ar: 'هذه التذكرة ليست عند هذا الشباك.',
  },
  TICKET_HAS_NO_CUSTOMER: {
    status: 409,
    en: 'This ticket has no customer file to add a note to.',
    ar: 'لا يوجد ملف عميل لهذه التذكرة لإضافة ملاحظة.',
  },
  COUNTER_NOT_OPEN: {
    status: 409,
    en: 'Open the counter first.',
    ar: 'افتح الشباك أولاً.',
  },
  COUNTER_IN_USE: {
    status: 409,
    en: 'Another agent has this counter open.',
    ar: 'موظف آخر يستخدم هذا الشباك.',
  },
  COUNTER_BUSY: {
    status: 409,
    en: 'Finish, transfer or mark the current ticket first.',
    ar: 'أنهِ التذكرة الحالية أو حوّلها أو سجّل عدم الحضور أولاً.',
  },
  AGENT_AT_ANOTHER_COUNTER: {
    status: 409,
    en: 'You have another counter open. Close it first.',
    ar: 'لديك شباك آخر مفتوح. أغلقه أولاً.',
  },
  LAST_ADMINISTRATOR: {
    status: 409,
    en: 'At least one active administrator must remain.',
    ar: 'يجب أن يبقى مسؤول نشط واحد على الأقل.',
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
  FEEDBACK_ALREADY_GIVEN: {
    status: 409,
    en: 'This visit has already been rated. Thank you.',
    ar: 'تم تقييم هذه الزيارة من قبل. شكرًا لك.',
  },
  FOLLOW_UP_CLOSED: {
    status: 409,
    en: 'This follow-up is already closed.',
    ar: 'تم إغلاق هذه المتابعة من قبل.',
  },
  FEEDBACK_LINK_EXPIRED: {
    status: 410,
    en: 'This feedback link has expired: links work for 7 days after the visit.',
    ar: 'انتهت صلاحية رابط التقييم: الروابط صالحة 7 أيام بعد الزيارة.',
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
