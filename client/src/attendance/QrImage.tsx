import { useEffect, useState } from 'react'
import QRCode from 'qrcode'

/** A QR code drawn in the browser (nothing leaves the page). */
export function QrImage({ value, alt, size = 240, testId }: { value: string; alt: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void QRCode.toDataURL(value, { margin: 1, width: size, errorCorrectionLevel: 'M' }).then((d) => { if (live) setSrc(d) })
    return () => { live = false }
  }, [value, size])
  return src ? <img src={src} alt={alt} width={size} height={size} className="bg-white" data-testid={testId} data-value={value} /> : null
}
