/**
 * Real words of a hosting helpdesk's mail, Spanish and English, in rough order of
 * frequency. vocabulary.ts ranks them (function words first, the everyday domain words
 * among them) and pads the tail with generated words to a few thousand per language.
 */

export const ES_FUNCTION = `de la que el en y a los se del las un por con no una su para es al lo como más pero
sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde desde todo nos durante
todos uno les ni contra otros ese eso ante ellos esto antes algunos qué unos yo otro otras otra tanto esa estos
mucho nada muchos cual poco ella estar estas algunas algo nosotros mi mis te tu tus ahora hace puede tengo
tiene está están estoy hemos han ha he sido ser fue era necesito favor hola gracias saludos buenos días
cordial tardes ayer hoy mañana semana siempre nunca después aún luego bien mal parece creo sigue pueden`;

/** The everyday nouns and verbs of the domain, ranked just after the top function words. */
export const ES_TOP_DOMAIN = `error correo cuenta servidor factura problema acceso dominio web pago sitio
usuario contraseña página panel`;

export const ES_DOMAIN = `certificado ssl dns copia seguridad respaldo base datos migración plan precio
renovación cancelación reembolso tarjeta cargo cobro transferencia presupuesto contrato soporte técnico ticket
respuesta cliente configuración instalación actualización versión php mysql wordpress plugin tema restaurar
archivo carpeta ftp sftp ssh clave puerto firewall ip bloqueo spam buzón reenvío redirección alias registro mx
cname txt propagación caducidad expiración licencia vps memoria disco cpu carga lentitud rendimiento caída
reinicio mantenimiento aviso notificación alerta incidencia solicitud consulta duda cambio alta baja cuota
espacio almacenamiento límite envío recepción mensaje adjunto captura pantalla navegador chrome firefox móvil
aplicación instalar desinstalar borrar eliminar crear modificar editar subir descargar conectar desconectar
funcionar responde tarda carga lento rápido caído bloqueado suspendido activo inactivo pendiente urgente
importante cliente empresa oficina equipo ordenador portátil teléfono llamada número dirección nombre apellido
fecha hora mes año anual mensual trimestral iva impuesto importe euros dólares descuento oferta promoción
upgrade downgrade ampliar reducir recursos ram núcleos ancho banda tráfico visitas estadísticas analítica
seo google búsqueda indexación robots sitemap enlace url https http redirigir subdominio parking transferir
autorización epp código verificación doble factor autenticación sesión cookie caché limpiar borrar vaciar
reiniciar apagar encender script cron tarea programada log registro fallo excepción aviso advertencia crítico
permiso denegado prohibido encontrado timeout tiempo espera conexión rechazada segura insegura cifrado
privacidad gdpr protección phishing virus malware infectado hackeado vulnerabilidad parche seguridad
revisar comprobar verificar confirmar solucionar resolver arreglar intentar probar enviar recibir adjuntar
gestionar facturación administración ventas comercial técnica incidencias reclamación queja devolución
presupuestar contratar renovar cancelar pagar abonar domiciliación recibo transferencia bancaria paypal
stripe tarjetas caducada rechazado aceptado pedido compra carrito tienda online ecommerce woocommerce
prestashop magento joomla drupal laravel node python java docker kubernetes nginx apache htaccess cpanel
plesk webmail outlook thunderbird imap pop smtp autenticado rebotado devuelto filtro antispam listas negras
blacklist spf dkim dmarc cabeceras remitente destinatario copia oculta firma plantilla respuesta automática
vacaciones ausencia horario urgencia prioridad escalado supervisor responsable agente departamento`;

export const EN_FUNCTION = `the to and of a in is it you that for on with this my we have be are not can i from
when but our your please after at as an or was do if there all would any been get has me will by so what
they just now still also since again about some which could should more no up out one did its does thanks
hi hello regards best thank yesterday today tomorrow week always never already yet here need know`;

export const EN_TOP_DOMAIN = `error email account server invoice problem access domain website payment site
user password page dashboard`;

export const EN_DOMAIN = `certificate ssl dns backup restore database migration plan price renewal cancellation
refund card charge billing transfer quote contract support technical ticket reply customer configuration
installation update version php mysql wordpress plugin theme file folder ftp sftp ssh key port firewall ip
blocked spam mailbox forwarding redirect alias record mx cname txt propagation expiry expiration license vps
memory disk cpu load slow slowness performance outage downtime reboot maintenance notice notification alert
incident request question doubt change signup quota space storage limit sending receiving message attachment
screenshot browser chrome firefox mobile app install uninstall delete remove create modify edit upload
download connect disconnect working responding loading fast down suspended active inactive pending urgent
important company office team computer laptop phone call number address name surname date hour month year
annual monthly quarterly vat tax amount euros dollars discount offer promotion upgrade downgrade resources ram
cores bandwidth traffic visits statistics analytics seo google search indexing robots sitemap link url https
http subdomain parking authorization epp code verification factor authentication session cookie cache clear
empty restart shutdown script cron scheduled task log failure exception warning critical permission denied
forbidden found timeout waiting connection refused secure insecure encryption privacy gdpr protection phishing
virus malware infected hacked vulnerability patch review check verify confirm fix solve resolve try test send
receive attach manage administration sales commercial complaint return pay direct debit receipt bank paypal
stripe expired declined accepted order purchase cart shop online ecommerce woocommerce prestashop magento
joomla drupal laravel node python java docker kubernetes nginx apache htaccess cpanel plesk webmail outlook
thunderbird imap pop smtp authenticated bounced returned filter antispam blacklist spf dkim dmarc headers
sender recipient bcc signature template autoresponder vacation absence schedule priority escalation
supervisor manager agent department`;

export const words = (list: string): string[] => [...new Set(list.split(/\s+/).filter(Boolean))];
