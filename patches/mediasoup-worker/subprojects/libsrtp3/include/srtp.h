/*
 * libsrtp3 API on top of Debian's libsrtp2, for mediasoup-worker only.
 *
 * libsrtp3 changed protect/unprotect to take size_t lengths and a separate output
 * buffer (plus an MKI index on protect), renamed srtp_remove_stream and added two
 * error codes. libsrtp2 works in place on an int length, so each wrapper copies the
 * input into the output buffer (mediasoup passes either the same buffer or one of
 * at least in + SRTP_MAX_TRAILER_LEN bytes) and protects it there.
 * The C++ overloads differ in arity from the libsrtp2 C functions, so calls inside
 * resolve to libsrtp2.
 */
#ifndef OPENDAY_SRTP3_ON_SRTP2_H
#define OPENDAY_SRTP3_ON_SRTP2_H

#include <srtp2/srtp.h>

#ifdef __cplusplus
#include <cstddef>
#include <cstdint>
#include <cstring>

/* libsrtp3 values; libsrtp2 stops at 27 so they cannot clash. */
#define srtp_err_status_buffer_small ((srtp_err_status_t)28)
#define srtp_err_status_cryptex_err ((srtp_err_status_t)29)

inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

inline srtp_err_status_t srtp3_shim_in_place(
  srtp_err_status_t (*fn)(srtp_t, void*, int*),
  srtp_t ctx,
  const uint8_t* in,
  size_t inLen,
  uint8_t* out,
  size_t* outLen)
{
	if (out != in)
		std::memmove(out, in, inLen);
	int len = static_cast<int>(inLen);
	const srtp_err_status_t err = fn(ctx, out, &len);
	if (err == srtp_err_status_ok)
		*outLen = static_cast<size_t>(len);
	return err;
}

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t /*mkiIndex*/)
{
	if (*outLen < inLen + SRTP_MAX_TRAILER_LEN)
		return srtp_err_status_buffer_small;
	return srtp3_shim_in_place(srtp_protect, ctx, in, inLen, out, outLen);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t /*mkiIndex*/)
{
	/* SRTCP adds the 4-byte E+index word on top of the tag. */
	if (*outLen < inLen + SRTP_MAX_TRAILER_LEN + 4)
		return srtp_err_status_buffer_small;
	return srtp3_shim_in_place(srtp_protect_rtcp, ctx, in, inLen, out, outLen);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen)
{
	return srtp3_shim_in_place(srtp_unprotect, ctx, in, inLen, out, outLen);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen)
{
	return srtp3_shim_in_place(srtp_unprotect_rtcp, ctx, in, inLen, out, outLen);
}
#endif /* __cplusplus */

#endif
