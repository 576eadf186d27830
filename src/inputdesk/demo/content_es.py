"""Contribuciones ficticias en español: un colegio de abogados, un observatorio universitario y una fundación."""

from __future__ import annotations

from inputdesk.demo.document import H, P, UL, DemoDocument


def colegio_abogados() -> DemoDocument:
    """Se entrega como PDF protegido con contraseña."""
    return DemoDocument(
        title="Aporte del Grupo de Trabajo sobre Derechos Digitales de la Infancia",
        subtitle="Colegio de Abogados de Puerto Alba - mayo de 2024",
        language="es",
        author="Colegio de Abogados de Puerto Alba",
        blocks=(
            H("Presentación"),
            P("""El Grupo de Trabajo sobre Derechos Digitales de la Infancia del Colegio de Abogados de Puerto Alba
            reúne a abogadas y abogados que representan a niñas, niños y adolescentes víctimas de delitos sexuales
            cometidos a través de medios digitales, así como a especialistas en derecho penal y en protección de
            datos. Presentamos este aporte desde la experiencia del litigio, con la intención de señalar los
            obstáculos que encontramos en los tribunales."""),
            H("Vacíos normativos"),
            P("""La legislación penal vigente tipifica la producción y distribución de material de abuso sexual
            infantil, pero fue redactada antes de la aparición de las herramientas de inteligencia artificial
            generativa. En la práctica, las defensas sostienen que las imágenes sintéticas no constituyen delito
            porque no muestran a una persona real. Hasta ahora, los tribunales han resuelto de manera dispar. Es
            urgente una reforma que tipifique de forma expresa el material generado o manipulado artificialmente, en
            consonancia con el Protocolo Facultativo de la Convención sobre los Derechos del Niño."""),
            P("""Tampoco existe un tipo penal específico para la extorsión sexual de adolescentes, que se persigue
            como amenaza o coacción genérica, con penas que no reflejan la gravedad del daño ni la edad de la
            víctima. El contacto con fines sexuales por medios tecnológicos, conocido como grooming, sí está
            tipificado, pero la jurisprudencia exige pruebas del propósito sexual que son difíciles de obtener
            cuando la conversación se interrumpe a tiempo."""),
            H("Obstáculos procesales"),
            P("""La obtención de prueba digital en el extranjero depende de la asistencia judicial recíproca, un
            proceso que puede tardar más de un año. Para entonces, los datos de conexión suelen haber sido
            eliminados. Las víctimas, además, deben declarar en varias ocasiones, lo que las expone a una
            revictimización que la ley prohíbe en teoría pero que ocurre en la práctica."""),
            P("""La eliminación de contenidos es otro problema. Aun con una orden judicial, las plataformas tardan
            semanas en retirar las imágenes, y éstas reaparecen en otros sitios. Las familias no cuentan con un
            mecanismo sencillo y gratuito para solicitar la retirada, y la asistencia jurídica gratuita rara vez
            cubre estas gestiones."""),
            H("Recomendaciones"),
            UL(
                """Los Estados deberían tipificar expresamente el material de abuso sexual infantil generado por
                inteligencia artificial y la extorsión sexual de personas menores de edad.""",
                """Los Estados deberían adherirse al Convenio de Budapest y a su Segundo Protocolo Adicional para
                agilizar el acceso a la prueba electrónica, con las debidas garantías.""",
                """Las empresas tecnológicas deben conservar los datos pertinentes cuando reciban una solicitud de
                preservación y retirar el contenido ilícito en plazos breves y verificables.""",
                """Los poderes judiciales deberían generalizar la entrevista única grabada y la figura del
                acompañante especializado para niñas, niños y adolescentes.""",
                """Los Estados deberían garantizar asistencia jurídica gratuita a las víctimas, incluida la gestión
                de la retirada de contenidos.""",
            ),
            H("Derechos humanos y cifrado"),
            P("""Como abogados, también defendemos el derecho a la privacidad y el debido proceso. Cualquier medida
            de detección en comunicaciones privadas debe estar prevista en la ley, ser necesaria y proporcionada y
            estar sujeta a control judicial. Las propuestas de escaneo generalizado de mensajes cifrados plantean
            serias dudas de compatibilidad con estos principios. Recomendamos priorizar medidas que no debiliten el
            cifrado, como la mejora de los canales de denuncia y la cooperación rápida con las autoridades."""),
            P("""Contacto: Dra. Valeria Quintana, coordinadora del Grupo de Trabajo,
            derechos.infancia@colegio-puertoalba.example.org"""),
        ),
    )


def observatorio_numerado() -> DemoDocument:
    """Responde por número de pregunta ("Pregunta 1", "Pregunta 2"...)."""
    return DemoDocument(
        title="Observatorio de Infancia y Tecnología - Universidad de Sierra Clara",
        subtitle="Respuestas al cuestionario de la Relatora Especial sobre la venta, la explotación sexual y el "
        "abuso sexual de niños",
        language="es",
        author="Observatorio de Infancia y Tecnología",
        blocks=(
            P("""El Observatorio de Infancia y Tecnología es un centro de investigación interdisciplinario que
            estudia, desde 2019, los usos de la tecnología por parte de niñas, niños y adolescentes. Nuestras
            respuestas se basan en una encuesta realizada en 2023 a 3.200 estudiantes de secundaria y en entrevistas
            con docentes, familias y profesionales de la protección de la infancia."""),
            H("Pregunta 1"),
            P("""En nuestra encuesta, el 21 % de las y los adolescentes de 13 a 17 años declaró haber recibido en el
            último año una solicitud de imágenes íntimas por parte de una persona desconocida, con mayor frecuencia en
            redes sociales y en plataformas de videojuegos. Un 6 % relató haber sido objeto de amenazas para obtener
            dinero o más imágenes. Los relatos describen un patrón de contacto amistoso, traslado de la conversación a
            una aplicación de mensajería privada y presión creciente. También registramos los primeros casos de
            imágenes falsas creadas con aplicaciones de inteligencia artificial a partir de fotografías publicadas por
            las propias adolescentes."""),
            H("Pregunta 2"),
            P("""Los Estados deberían invertir en educación digital y sexual integral desde la primaria, con
            contenidos elaborados junto con las y los estudiantes. Las plataformas deberían activar por defecto la
            configuración más protectora para menores de edad, limitar las recomendaciones de perfiles de
            adolescentes a personas adultas y facilitar la denuncia dentro de la propia conversación. Los
            desarrolladores de inteligencia artificial deben impedir la generación de imágenes sexualizadas de
            niñas, niños y adolescentes y responder con rapidez a las denuncias."""),
            H("Pregunta 3"),
            P("""Existe una brecha importante entre la norma y su aplicación. Los protocolos escolares de actuación
            frente al acoso no contemplan la violencia sexual digital, y el personal docente no sabe cómo actuar.
            Muchas víctimas no denuncian porque temen ser culpabilizadas o porque no confían en que la denuncia
            sirva de algo. Además, los datos oficiales son escasos y no están desagregados por edad, género ni tipo
            de delito, lo que dificulta diseñar políticas basadas en evidencia."""),
            H("Pregunta 5"),
            P("""Proponemos que la ley obligue a los proveedores de servicios en línea a realizar evaluaciones de
            impacto sobre los derechos de la infancia antes de lanzar nuevas funciones, y que una autoridad
            independiente pueda revisarlas. La armonización mínima entre jurisdicciones debería partir de
            definiciones comunes y de obligaciones de transparencia equivalentes, de modo que las empresas no
            ofrezcan protecciones menores en América Latina que en otras regiones."""),
            H("Pregunta 7"),
            P("""El cifrado de extremo a extremo protege la privacidad de las y los adolescentes, que lo valoran
            mucho según nuestras entrevistas. Al mismo tiempo, limita la detección de material conocido. Sugerimos
            invertir en herramientas que funcionan sin romper el cifrado, como avisos de seguridad en el dispositivo
            antes de enviar imágenes y mecanismos de denuncia que permitan adjuntar la conversación. En cuanto a la
            inteligencia artificial generativa, recomendamos marcas de procedencia, clasificadores evaluados de forma
            independiente y la retirada de las aplicaciones de desnudez de las tiendas de aplicaciones."""),
            H("Pregunta 8"),
            P("""En 2023 organizamos, con tres municipios, mesas de diálogo en las que participaron 140 estudiantes.
            Sus propuestas, entre ellas crear una figura de estudiante referente en cada escuela, fueron incorporadas
            a un protocolo municipal. Recomendamos que los procesos de consulta incluyan a adolescentes de zonas
            rurales e indígenas, que suelen quedar fuera."""),
            H("Pregunta 9"),
            P("""Un mecanismo internacional debería contar con un espacio regional latinoamericano que trabaje en
            español y en portugués, producir datos comparables entre países y dar seguimiento público a los
            compromisos asumidos por las empresas tecnológicas."""),
            P("""Contacto: Dr. Andrés Olmedo, director del Observatorio,
            observatorio.infancia@sierraclara.example.org"""),
        ),
    )


FUNDACION_HORIZONTE_BODY = """Estimada Relatora Especial:

En nombre de la Fundación Horizonte Digital, un centro de estudios dedicado a las políticas públicas de tecnología,
le hacemos llegar algunas reflexiones para su próximo informe temático. Las enviamos en el cuerpo de este mensaje,
sin documentos adjuntos, para facilitar su lectura.

1. Sobre la inteligencia artificial generativa. La preocupación pública se ha centrado en las imágenes, pero los
modelos de lenguaje también se utilizan para redactar mensajes de captación y de extorsión en varios idiomas y a
gran escala. Recomendamos que las evaluaciones de riesgo exigidas a los desarrolladores incluyan expresamente estos
usos y que los resultados de las pruebas se compartan con las autoridades competentes.

2. Sobre la regulación. La región avanza con proyectos de ley dispersos, algunos muy ambiciosos y otros meramente
declarativos. Sugerimos que la Relatora promueva un conjunto mínimo de obligaciones comunes: evaluación de riesgos
para la infancia, configuración segura por defecto, canales de denuncia accesibles, informes de transparencia y
cooperación con las líneas de denuncia. Una autoridad independiente con recursos suficientes es indispensable; sin
ella, la ley queda en el papel.

3. Sobre la verificación de edad. Los Estados deberían evitar soluciones que obliguen a entregar documentos de
identidad o datos biométricos a cada plataforma. Existen alternativas que preservan la privacidad y que conviene
evaluar de forma independiente antes de imponerlas.

4. Sobre la coordinación internacional. Proponemos un mecanismo con una secretaría técnica que publique
periódicamente un mapa de amenazas emergentes, elaborado con datos de las líneas de denuncia, de las fuerzas de
seguridad y de la industria, y que ofrezca asistencia técnica a los países con menos capacidades.

5. Sobre la participación. Ninguna de estas medidas será legítima si no se escucha a niñas, niños y adolescentes.
Los procesos de consulta deben ser accesibles, contar con apoyo adulto adecuado y devolver a las y los
participantes información sobre lo que se hizo con sus aportes.

Quedamos a su disposición para ampliar cualquiera de estos puntos.

Atentamente,

Lucía Ferrer
Directora de Investigación
Fundación Horizonte Digital
lferrer@horizonte-digital.example.org
"""
